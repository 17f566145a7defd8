// The assessment on paper (shown only when printing): the title with the year and the city, the
// publication status, the ranking, then every district with all its indicators written out.
import { useTranslation } from 'react-i18next';
import { formatAt } from '../participation/index.ts';
import { valueText } from './IndicatorsTable.tsx';
import type { Assessment } from './types.ts';

interface Props {
  assessment: Assessment;
  cityName: string;
  indicatorName: (code: string) => string;
  groundName: (code: string) => string;
  projectName: (id: string) => string;
}

export default function AssessmentPrint({ assessment, cityName, indicatorName, groundName, projectName }: Props) {
  const { t, i18n } = useTranslation();
  const a = assessment;
  const status =
    a.status === 'published'
      ? t('evaluation.assessment.publishedAt', { at: formatAt(a.publishedAt, i18n.language) })
      : t('evaluation.assessment.draftNotice');
  return (
    <div className="print-only print-doc" data-testid="assessment-print">
      <h1>{t('evaluation.assessment.printTitle', { year: a.year })}</h1>
      <p className="print-meta">
        {cityName} · {status} · {t('evaluation.assessment.schemeVersion', { version: a.schemeVersion })}
      </p>
      <table>
        <thead>
          <tr>
            <th className="num">{t('evaluation.assessment.rank')}</th>
            <th>{t('evaluation.assessment.district')}</th>
            <th className="num">{t('evaluation.assessment.total')}</th>
            <th className="num">{t('evaluation.assessment.bonus')}</th>
          </tr>
        </thead>
        <tbody>
          {a.districts.map((d) => (
            <tr key={d.districtCode}>
              <td className="num">{d.rank}</td>
              <td>{d.name}</td>
              <td className="num">{d.score}</td>
              <td className="num">{d.bonusTotal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.districts.map((d) => (
        <section key={d.districtCode}>
          <h2>
            {d.rank}. {d.name}（{d.districtCode}）— {t('evaluation.assessment.total')} {d.score}
          </h2>
          <table className="print-small">
            <thead>
              <tr>
                <th>{t('evaluation.assessment.code')}</th>
                <th>{t('evaluation.assessment.indicator')}</th>
                <th className="num">{t('evaluation.assessment.weight')}</th>
                <th>{t('evaluation.assessment.value')}</th>
                <th className="num">{t('evaluation.assessment.score')}</th>
                <th>{t('evaluation.assessment.basisTitle')}</th>
                <th>{t('evaluation.assessment.source')}</th>
              </tr>
            </thead>
            <tbody>
              {d.indicators.map((i) => (
                <tr key={i.code}>
                  <td>{i.code}</td>
                  <td>{indicatorName(i.code)}</td>
                  <td className="num">{i.weight}</td>
                  <td>{valueText(i)}</td>
                  <td className="num">{i.score}</td>
                  <td>{t(`evaluation.assessment.basis.${i.provenance.basis}`)}</td>
                  <td>
                    {i.provenance.projectIds.length > 0 &&
                      `${t('evaluation.assessment.projects', { count: i.provenance.projectIds.length })}：${i.provenance.projectIds.map(projectName).join('、')}`}
                    {i.provenance.entered &&
                      `${t('evaluation.assessment.enteredBy', { by: i.provenance.entered.by })}：${i.provenance.entered.evidence}`}
                  </td>
                </tr>
              ))}
              {d.bonus.map((b, n) => (
                <tr key={`bonus-${n}`}>
                  <td>{b.ground}</td>
                  <td colSpan={3}>
                    {groundName(b.ground)}：{b.reason}
                  </td>
                  <td className="num">{b.points}</td>
                  <td colSpan={2}>{t('evaluation.assessment.basis.entered')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
