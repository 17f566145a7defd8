// The three-level indicator tree: code, name, category, unit and (optionally) unit price.
// In the plan editor it is checkable on third-level indicators only.
import { useEffect, useMemo, useState } from 'react';
import { Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree/index.js';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/money.ts';
import { branchKeys, indicatorName, type IndicatorNode } from './catalogueTree.ts';
import type { Indicator } from './types.ts';

interface Props {
  nodes: IndicatorNode[];
  filtering: boolean;
  prices?: Map<string, number>;
  checkable?: boolean;
  checked?: readonly string[];
  onToggle?: (code: string, checked: boolean) => void;
  disabled?: boolean;
  height?: number;
}

const CATEGORY_COLORS: Record<string, string> = { basic: 'blue', improvement: 'green', enhancement: 'purple' };

type Node = DataNode & { indicator: Indicator; children?: Node[] };

function toData(nodes: readonly IndicatorNode[], checkable: boolean): Node[] {
  return nodes.map((n) => ({
    key: n.key,
    indicator: n.indicator,
    isLeaf: n.isLeaf,
    checkable: checkable && n.isLeaf,
    selectable: checkable ? n.isLeaf : true,
    children: n.children ? toData(n.children, checkable) : undefined,
  }));
}

export default function IndicatorTree({ nodes, filtering, prices, checkable = false, checked = [], onToggle, disabled, height }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = useMemo(() => toData(nodes, checkable), [nodes, checkable]);
  const [expanded, setExpanded] = useState<string[]>(() => nodes.map((n) => n.key));
  // Filtering opens every remaining branch; clearing it folds back to the areas.
  useEffect(() => setExpanded(filtering ? branchKeys(nodes) : nodes.map((n) => n.key)), [filtering, nodes]);

  const render = (node: Node) => {
    const ind = node.indicator;
    const price = prices?.get(ind.code);
    return (
      <span data-testid="indicator-node" data-code={ind.code} data-level={ind.level} style={styles.row}>
        <span style={styles.name}>
          <Typography.Text type="secondary" style={styles.code}>
            {ind.code}
          </Typography.Text>
          <span style={ind.level === 1 ? { fontWeight: 600 } : undefined}>{indicatorName(ind, lang)}</span>
          {ind.category && ind.level === 2 && (
            <Tag color={CATEGORY_COLORS[ind.category]} style={styles.tag}>
              {t(`catalogue.categories.${ind.category}`)}
            </Tag>
          )}
          {ind.futureScenario && (
            <Tag color="cyan" style={styles.tag}>
              {t(`catalogue.scenarios.${ind.futureScenario}`, { defaultValue: ind.futureScenario })}
            </Tag>
          )}
        </span>
        {ind.level === 3 && (
          <span style={styles.right}>
            <Typography.Text type="secondary" style={{ width: 56, textAlign: 'center' }}>
              {ind.unit ? t(`catalogue.units.${ind.unit}`, { defaultValue: ind.unit }) : ''}
            </Typography.Text>
            {prices && (
              <span data-testid="indicator-price" style={styles.price}>
                {price === undefined ? '—' : formatFen(price)}
              </span>
            )}
          </span>
        )}
      </span>
    );
  };

  return (
    <Tree<Node>
      data-testid="indicator-tree"
      blockNode
      checkable={checkable}
      checkStrictly
      disabled={disabled}
      height={height}
      treeData={data}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      checkedKeys={{ checked: [...checked], halfChecked: [] }}
      selectedKeys={[]}
      onCheck={(_keys, info) => onToggle?.(String(info.node.key), info.checked)}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (checkable && info.node.isLeaf) onToggle?.(key, !checked.includes(key));
        else if (!info.node.isLeaf) setExpanded((e) => (e.includes(key) ? e.filter((k) => k !== key) : [...e, key]));
      }}
      titleRender={render}
    />
  );
}

const styles = {
  row: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, width: '100%' },
  name: { minWidth: 0, display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' },
  code: { fontFamily: 'monospace', fontSize: 12 },
  tag: { marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' },
  right: { display: 'flex', alignItems: 'center', gap: 8, flex: 'none' },
  price: { width: 110, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
} as const;
