// The three charts' options for the current language, memoised so the canvases only redraw on change.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStages } from '../projects/index.ts';
import { childrenOption, fundingOption, stagesOption, type ChartTheme } from './charts.ts';
import type { Overview } from './types.ts';
import type { ChildFigure } from './useOverview.ts';

export type Measure = 'households' | 'compounds';

export function useChartOptions(overview: Overview | undefined, children: ChildFigure[], measure: Measure, theme: ChartTheme) {
  const { t, i18n } = useTranslation();
  const stages = useStages();
  const lang = i18n.language;
  const { dark, font } = theme;
  const funding = useMemo(
    () => (overview ? fundingOption(overview, (s) => t(`funding.sources.${s}`, { defaultValue: s }), lang, { dark, font }) : undefined),
    [overview, t, lang, dark, font],
  );
  const stageList = stages.query.data;
  // The stage names arrive with the stages query: redraw when the list does.
  const byStage = useMemo(
    () =>
      overview
        ? stagesOption(
            overview,
            (s) => {
              const info = stageList?.find((x) => x.stage === s);
              return info ? (lang === 'en' ? info.nameEn : info.nameZh) : s;
            },
            t('stats.charts.projects'),
            { dark, font },
          )
        : undefined,
    [overview, t, dark, font, stageList, lang],
  );
  const seriesName = measure === 'households' ? t('stats.charts.byHouseholds') : t('stats.charts.byCompounds');
  // The children list is rebuilt on every render; its content decides when the chart redraws.
  const childrenKey = JSON.stringify(children);
  const kids = useMemo(
    () => childrenOption(JSON.parse(childrenKey) as ChildFigure[], measure, seriesName, { dark, font }),
    [childrenKey, measure, seriesName, dark, font],
  );
  return { funding, byStage, children: kids };
}
