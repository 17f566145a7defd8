// One district's indicators, as the expanded row of the assessment table: weight, value, score,
// how each was obtained (computed from records, a proxy, entered by an assessor) and where from —
// the projects counted (links to their pages), the rule versions, the note, the satisfaction tier.
import { Link } from 'react-router';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Basis, DistrictAssessment, IndicatorResult } from './types.ts';

const BASIS_COLORS: Record<Basis, string> = { computed: 'blue', proxy: 'orange', entered: 'purple' };

export function BasisTag({ basis }: { basis: Basis }) {
  const { t } = useTranslation();
  return <Tag color={BASIS_COLORS[basis]}>{t(`evaluation.assessment.basis.${basis}`)}</Tag>;
}

/** "899/1000" when the indicator is a share, else its value. */
export function valueText(i: IndicatorResult): string {
  if (i.numerator !== null && i.denominator !== null) return `${i.numerator}/${i.denominator}${i.value ? ` (${i.value})` : ''}`;
  return i.value ?? '—';
}

export function Provenance({ indicator, projectName }: { indicator: IndicatorResult; projectName: (id: string) => string }) {
  const { t } = useTranslation();
  const p = indicator.provenance;
  const counted = new Set(p.numeratorProjectIds ?? []);
  return (
    <Space orientation="vertical" size={2} style={{ fontSize: 12 }}>
      {p.projectIds.length > 0 && (
        <span>
          {t('evaluation.assessment.projects', { count: p.projectIds.length })}：
          {p.projectIds.map((id, n) => (
            <span key={id}>
              {n > 0 && '、'}
              <Link to={`/projects/${id}`} data-testid="provenance-project" style={{ fontWeight: counted.has(id) ? 600 : undefined }}>
                {projectName(id)}
              </Link>
            </span>
          ))}
        </span>
      )}
      <span>
        {t('evaluation.assessment.rules')}：{p.rules.map((r) => `${r.key}@${r.version}`).join('，')}
      </span>
      {p.tier && <span>{t('evaluation.assessment.tier', { percent: p.tier.minPercent, share: p.tier.scoreShare })}</span>}
      {p.entered && (
        <span>
          {t('evaluation.assessment.enteredBy', { by: p.entered.by })}：{p.entered.evidence}
        </span>
      )}
      {p.note && <Typography.Text type="secondary">{p.note}</Typography.Text>}
    </Space>
  );
}

interface Props {
  district: DistrictAssessment;
  nameOf: (code: string) => string;
  projectName: (id: string) => string;
}

export default function IndicatorsTable({ district, nameOf, projectName }: Props) {
  const { t } = useTranslation();
  return (
    <Table<IndicatorResult>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={district.indicators}
      data-testid="indicator-table"
      onRow={(i) => ({ 'data-testid': 'indicator-row', 'data-code': i.code }) as object}
      columns={[
        { title: t('evaluation.assessment.code'), key: 'code', width: 70, render: (_, i) => i.code },
        { title: t('evaluation.assessment.indicator'), key: 'name', width: 170, render: (_, i) => nameOf(i.code) },
        { title: t('evaluation.assessment.weight'), key: 'weight', width: 60, align: 'right', render: (_, i) => i.weight },
        { title: t('evaluation.assessment.value'), key: 'value', width: 130, render: (_, i) => valueText(i) },
        { title: t('evaluation.assessment.score'), key: 'score', width: 70, align: 'right', render: (_, i) => i.score },
        {
          title: t('evaluation.assessment.basisTitle'),
          key: 'basis',
          width: 90,
          render: (_, i) => <BasisTag basis={i.provenance.basis} />,
        },
        {
          title: t('evaluation.assessment.provenance'),
          key: 'provenance',
          render: (_, i) => <Provenance indicator={i} projectName={projectName} />,
        },
      ]}
    />
  );
}
