// The gaps of a division and of each division (or compound) under it, with the households affected; a row drills
// down, a compound's row opens its circle.
import { useState } from 'react';
import { Button, Card, Descriptions, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { circleKeys, fetchGaps, needs, type GapSums } from './api.ts';

type Child = GapSums['children'][number];

const parentOf = (code: string) => (code.length === 12 ? code.slice(0, 9) : code.length === 9 ? code.slice(0, 6) : code.slice(0, 4) + '00');

export default function GapsTab({ home, onCompound }: { home: string; onCompound: (id: string) => void }) {
  const { t } = useTranslation();
  const [division, setDivision] = useState(home);
  const gaps = useQuery({ queryKey: circleKeys.gaps(division), queryFn: () => fetchGaps(division || undefined) });
  const d = gaps.data;

  const needColumns: ColumnsType<Child> = needs.map((need) => ({
    title: t(`circle.needShort.${need}`),
    key: need,
    align: 'right',
    render: (_, c) => {
      const n = c.needs.find((x) => x.need === need)!;
      return (
        <Tooltip title={t('circle.householdsAffectedOf', { count: n.householdsAffected })}>
          <span style={{ color: n.compoundsWithGap ? '#cf1322' : undefined }}>{n.compoundsWithGap}</span>
        </Tooltip>
      );
    },
  }));
  const columns: ColumnsType<Child> = [
    {
      title: d ? t(`circle.levels.${d.childLevel}`) : '',
      key: 'name',
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          data-testid="gap-row"
          onClick={() => (d?.childLevel === 'compound' ? onCompound(c.code) : setDivision(c.code))}
        >
          {c.name}
        </Button>
      ),
    },
    { title: t('circle.compounds'), key: 'compounds', align: 'right', render: (_, c) => c.compounds },
    { title: t('circle.compoundsWithGaps'), key: 'withGaps', align: 'right', render: (_, c) => c.compoundsWithGaps },
    { title: t('circle.householdsAffected'), key: 'affected', align: 'right', render: (_, c) => c.householdsAffected.toLocaleString() },
    ...needColumns,
  ];

  return (
    <Card>
      <Space direction="vertical" style={{ width: '100%' }}>
        {gaps.isError && <ProblemAlert title={t('circle.loadError')} error={gaps.error} />}
        {d && (
          <>
            <Space>
              {division && division !== home && (
                <Button size="small" onClick={() => setDivision(parentOf(division))} data-testid="gap-up">
                  {t('circle.up')}
                </Button>
              )}
              <Typography.Text type="secondary">{t('circle.gapHelp')}</Typography.Text>
            </Space>
            <Descriptions size="small" column={4} data-testid="gap-total">
              <Descriptions.Item label={t('circle.compounds')}>{d.total.compounds.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('circle.compoundsWithGaps')}>{d.total.compoundsWithGaps.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('circle.households')}>{d.total.households.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('circle.householdsAffected')}>{d.total.householdsAffected.toLocaleString()}</Descriptions.Item>
              {d.total.needs.map((n) => (
                <Descriptions.Item key={n.need} label={t(`circle.needs.${n.need}`)}>
                  {t('circle.needSum', { compounds: n.compoundsWithGap, households: n.householdsAffected.toLocaleString() })}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Table
              rowKey="code"
              size="small"
              columns={columns}
              dataSource={d.children}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 1000 }}
              data-testid="gap-children"
            />
          </>
        )}
      </Space>
    </Card>
  );
}
