// Lazy division tree: the user's scope root(s), then children on expand; communities
// list their compounds as leaves. Selecting a division filters the list; a compound opens.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Tree, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { fetchCompounds, fetchDivisions, registryKeys } from './api.ts';
import { findNode, loadTreeState, saveTreeState, withChildren, type TreeNode, type TreeState } from './divisionTreeStore.ts';
import type { Division } from './types.ts';

const COMPOUND_LIMIT = 200;

// The API does not say whether a division has children (a childCount the web once expected was never sent),
// so every division can be expanded; an empty one shows no children.
function divisionNode(d: Division): TreeNode {
  return { key: `d:${d.code}`, title: d.name, level: d.level, code: d.code, isLeaf: false };
}

interface Props {
  userId: string;
  selectedCode: string | undefined;
  onSelectDivision: (code: string | undefined, name: string | undefined) => void;
}

export default function DivisionTree({ userId, selectedCode, onSelectDivision }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [state, setState] = useState<TreeState>(() => loadTreeState(userId));
  const [error, setError] = useState<unknown>(null);
  // The ref is the source of truth so that async loaders see each other's results at once.
  const stateRef = useRef(state);

  const update = useCallback((change: (s: TreeState) => TreeState) => {
    const next = change(stateRef.current);
    stateRef.current = next;
    saveTreeState(next);
    setState(next);
  }, []);

  const loadRoots = useCallback(async () => {
    setError(null);
    try {
      const roots = await client.fetchQuery({
        queryKey: registryKeys.divisions(null),
        queryFn: () => fetchDivisions(null),
      });
      update((s) => ({
        ...s,
        nodes: roots.map(divisionNode),
        names: { ...s.names, ...Object.fromEntries(roots.map((d) => [d.code, d.name])) },
        // A single root opens by itself: there is nothing else to choose.
        expanded: s.expanded.length === 0 && roots.length === 1 ? [`d:${roots[0]!.code}`] : s.expanded,
      }));
      if (roots.length === 1 && stateRef.current.loaded.length === 0) await loadNode(`d:${roots[0]!.code}`);
    } catch (err) {
      setError(err);
    }
    // loadNode is stable (defined below through useCallback with the same deps).
  }, [client, update]);

  const loadNode = useCallback(
    async (key: string) => {
      const node = findNode(stateRef.current.nodes, key);
      if (!node?.code || stateRef.current.loaded.includes(key)) return;
      let children: TreeNode[];
      const names: Record<string, string> = {};
      if (node.level === 'community') {
        const page = await client.fetchQuery({
          queryKey: registryKeys.compoundsOf(node.code),
          queryFn: () => fetchCompounds({ division: node.code }, COMPOUND_LIMIT),
        });
        children = page.items.map((c) => ({
          key: `c:${c.id}`,
          title: c.name,
          level: 'compound',
          compoundId: c.id,
          isLeaf: true,
        }));
        if (page.nextCursor) {
          children.push({ key: `more:${node.code}`, title: '…', level: 'more', isLeaf: true, selectable: false });
        }
      } else {
        const items = await client.fetchQuery({
          queryKey: registryKeys.divisions(node.code),
          queryFn: () => fetchDivisions(node.code!),
        });
        for (const d of items) names[d.code] = d.name;
        children = items.map(divisionNode);
      }
      update((s) => ({
        ...s,
        nodes: withChildren(s.nodes ?? [], key, children),
        loaded: s.loaded.includes(key) ? s.loaded : [...s.loaded, key],
        names: { ...s.names, ...names },
      }));
    },
    [client, update],
  );

  useEffect(() => {
    if (state.nodes === null) void loadRoots();
  }, [state.nodes, loadRoots]);

  const onSelect = async (key: string) => {
    const node = findNode(state.nodes, key);
    if (!node) return;
    if (node.level === 'compound' && node.compoundId) {
      navigate(`/compounds/${node.compoundId}`);
      return;
    }
    if (!node.code) return;
    onSelectDivision(node.code, node.title);
    // Selecting a division also opens it, so the tree can be walked by its names.
    if (!state.expanded.includes(key)) {
      try {
        await loadNode(key);
        update((s) => ({ ...s, expanded: s.expanded.includes(key) ? s.expanded : [...s.expanded, key] }));
      } catch (err) {
        setError(err);
      }
    }
  };

  if (error && !state.nodes) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('registry.treeError')}
        description={errorMessage(error)}
        action={
          <Button size="small" onClick={() => void loadRoots()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (state.nodes === null) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (state.nodes.length === 0) return <Empty description={t('registry.treeEmpty')} />;

  return (
    <>
      {error !== null && (
        <Alert type="error" showIcon closable style={{ marginBottom: 8 }} title={errorMessage(error)} onClose={() => setError(null)} />
      )}
      <Tree<TreeNode>
        data-testid="division-tree"
        blockNode
        className="renova-tree"
        showIcon
        treeData={state.nodes}
        expandedKeys={state.expanded}
        loadedKeys={state.loaded}
        selectedKeys={selectedCode ? [`d:${selectedCode}`] : []}
        loadData={(node) => loadNode(String(node.key)).catch((err: unknown) => setError(err))}
        onExpand={(keys) => update((s) => ({ ...s, expanded: keys.map(String) }))}
        onSelect={(_keys, info) => void onSelect(String(info.node.key))}
        icon={(props) => levelIcon((props as unknown as { data?: TreeNode }).data?.level)}
        titleRender={(node) => (
          <span
            data-testid="tree-node"
            data-level={node.level}
            data-code={node.code ?? node.compoundId}
            style={node.level === 'compound' ? { color: '#1558b0' } : undefined}
          >
            {node.level === 'more' ? <Typography.Text type="secondary">…</Typography.Text> : node.title}
          </span>
        )}
      />
    </>
  );
}

function levelIcon(level: TreeNode['level'] | undefined) {
  switch (level) {
    case 'province':
    case 'city':
      return <BankOutlined />;
    case 'district':
    case 'subdistrict':
      return <ApartmentOutlined />;
    case 'community':
      return <EnvironmentOutlined />;
    case 'compound':
      return <HomeOutlined />;
    default:
      return null;
  }
}
