// The districts ranked: rank, name, score and bonus, each row expanding to its indicators.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import IndicatorsTable from './IndicatorsTable.tsx';
import type { DistrictAssessment } from './types.ts';

interface Props {
  districts: DistrictAssessment[];
  indicatorName: (code: string) => string;
  groundName: (code: string) => string;
  projectName: (id: string) => string;
}

export default function AssessmentTable({ districts, indicatorName, groundName, projectName }: Props) {
  const { t } = useTranslation();
  return (
    <Table<DistrictAssessment>
      data-testid="assessment-table"
      rowKey="districtCode"
      size="middle"
      bordered
      pagination={false}
      dataSource={districts}
      scroll={{ x: 760 }}
      onRow={(d) => ({ 'data-testid': 'assessment-row', 'data-code': d.districtCode, 'data-rank': d.rank }) as object}
      expandable={{
        expandedRowRender: (d) => (
          <>
            <IndicatorsTable district={d} nameOf={indicatorName} projectName={projectName} />
            {d.bonus.length > 0 && (
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }} data-testid="bonus-list">
                {d.bonus.map((b, i) => (
                  <li key={i}>
                    {t('evaluation.assessment.bonusLine', { ground: groundName(b.ground), points: b.points, reason: b.reason, by: b.by })}
                  </li>
                ))}
              </ul>
            )}
          </>
        ),
      }}
      columns={[
        { title: t('evaluation.assessment.rank'), key: 'rank', width: 70, align: 'center', render: (_, d) => d.rank },
        {
          title: t('evaluation.assessment.district'),
          key: 'name',
          render: (_, d) => <span data-testid="district-name">{d.name}</span>,
        },
        { title: t('evaluation.assessment.districtCode'), key: 'code', width: 110, render: (_, d) => d.districtCode },
        {
          title: t('evaluation.assessment.total'),
          key: 'score',
          width: 110,
          align: 'right',
          render: (_, d) => <strong data-testid="district-score">{d.score}</strong>,
        },
        { title: t('evaluation.assessment.bonus'), key: 'bonus', width: 100, align: 'right', render: (_, d) => d.bonusTotal },
      ]}
    />
  );
}
