// 项目简报 (/projects/:id/summary): one page on a project to print or save as PDF — its compounds,
// stage, funding by source, outcomes and residents' satisfaction — laid out as a plain document
// (web/src/app/print.css) so screen and paper read alike.
import { Link, useParams } from 'react-router';
import { Button, Card, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatFen, sumFen } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { PrintButton, evaluationKeys, fetchSatisfaction } from '../evaluation/index.ts';
import { useDistricts } from '../governance/index.ts';
import { formatAt, percent } from '../participation/index.ts';
import { formatArea, formatCount } from '../registry/index.ts';
import { fetchFunding, fetchOutcomes, fetchProject, projectKeys } from './api.ts';
import { OUTCOME_FIELDS, type ProjectDetail } from './types.ts';
import { useStages } from './useStages.ts';

export default function ProjectSummaryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const project = useQuery({ queryKey: projectKeys.project(id), queryFn: () => fetchProject(id), enabled: !!id });
  return (
    <Card data-testid="project-summary">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Link to={`/projects/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('evaluation.summary.back')}</Button>
        </Link>
        <PrintButton />
      </Space>
      {project.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : project.isError ? (
        <ProblemAlert title={t('projects.notFound')} error={project.error} testId="summary-error" />
      ) : (
        <SummaryDocument project={project.data} />
      )}
    </Card>
  );
}

function SummaryDocument({ project: p }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { name: stageName } = useStages();
  const { nameOf } = useDistricts();
  const funding = useQuery({ queryKey: projectKeys.funding(p.id), queryFn: () => fetchFunding(p.id) });
  const outcomes = useQuery({ queryKey: projectKeys.outcomes(p.id), queryFn: () => fetchOutcomes(p.id) });
  const satisfaction = useQuery({ queryKey: evaluationKeys.satisfaction(p.id), queryFn: () => fetchSatisfaction(p.id) });
  const sources = funding.data?.bySource ?? [];
  const s = satisfaction.data;
  const unavailable = <p>{t('evaluation.summary.unavailable')}</p>;

  return (
    <div className="print-doc" data-testid="summary-document">
      <h1 data-testid="summary-name">{p.name}</h1>
      <p className="print-meta">
        {t('evaluation.summary.subtitle', { year: p.year, district: nameOf(p.districtCode), stage: stageName(p.stage) })}
      </p>
      <table className="print-keep">
        <tbody>
          <tr>
            <th>{t('projects.fields.year')}</th>
            <td>{p.year}</td>
            <th>{t('projects.columns.stage')}</th>
            <td>{stageName(p.stage)}</td>
          </tr>
          <tr>
            <th>{t('projects.columns.floorArea')}</th>
            <td>{formatArea(p.floorAreaM2, lang)} ㎡</td>
            <th>{t('projects.columns.households')}</th>
            <td>{formatCount(p.households, lang)}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('projects.fields.compounds')}</h2>
      <table className="print-keep">
        <thead>
          <tr>
            <th>{t('evaluation.summary.compound')}</th>
            <th className="num">{t('projects.columns.floorArea')}</th>
            <th className="num">{t('projects.columns.households')}</th>
          </tr>
        </thead>
        <tbody>
          {p.compounds.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td className="num">{formatArea(c.floorAreaM2, lang)}</td>
              <td className="num">{formatCount(c.households, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('evaluation.summary.funding')}</h2>
      <div data-testid="summary-funding" data-loaded={!funding.isPending}>
        {funding.isError ? (
          unavailable
        ) : sources.length === 0 ? (
          <p>{t('evaluation.summary.noFunding')}</p>
        ) : (
          <table className="print-keep">
            <thead>
              <tr>
                <th>{t('evaluation.summary.source')}</th>
                <th className="num">{t('funding.chart.planned')}</th>
                <th className="num">{t('funding.chart.amended')}</th>
                <th className="num">{t('funding.chart.disbursed')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((r) => (
                <tr key={r.source}>
                  <td>{t(`funding.sources.${r.source}`, { defaultValue: r.source })}</td>
                  <td className="num">{formatFen(r.plannedFen)}</td>
                  <td className="num">{formatFen(r.amendedFen)}</td>
                  <td className="num">{formatFen(r.disbursedFen)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('evaluation.summary.total')}</th>
                <th className="num">{formatFen(sumFen(sources.map((r) => r.plannedFen)))}</th>
                <th className="num">{formatFen(sumFen(sources.map((r) => r.amendedFen)))}</th>
                <th className="num">{formatFen(sumFen(sources.map((r) => r.disbursedFen)))}</th>
              </tr>
            </tbody>
          </table>
        )}
      </div>

      <h2>{t('outcomes.title')}</h2>
      {outcomes.isError ? (
        unavailable
      ) : outcomes.data && !outcomes.data.recorded ? (
        <p>{t('evaluation.summary.noOutcomes')}</p>
      ) : (
        <table className="print-keep">
          <tbody>
            {OUTCOME_FIELDS.map((f) => (
              <tr key={f}>
                <th>{t(`outcomes.fields.${f}`)}</th>
                <td className="num">{outcomes.data ? String(outcomes.data[f]) : '…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('evaluation.summary.satisfaction')}</h2>
      {satisfaction.isError ? (
        unavailable
      ) : !s ? (
        <p>…</p>
      ) : s.answered === 0 ? (
        <p>{t('evaluation.summary.noSurvey')}</p>
      ) : (
        <p data-testid="summary-satisfaction">
          {t('evaluation.summary.satisfactionLine', {
            satisfied: s.satisfied,
            answered: s.answered,
            percent: percent(s.satisfied, s.answered),
          })}
          {s.tier && ` ${t('evaluation.summary.tier', { percent: s.tier.minPercent })}`}
          <span className="print-small">（{s.rules.map((r) => `${r.key}@${r.version}`).join('，')}）</span>
        </p>
      )}
      <p className="print-small">{t('evaluation.summary.printedAt', { at: formatAt(new Date().toISOString(), lang) })}</p>
    </div>
  );
}
