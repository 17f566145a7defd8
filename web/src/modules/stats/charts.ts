// ECharts options of the overview's three charts, for the light page and the dark wall display.
import type { EChartsCoreOption } from 'echarts/core';
import { drawYuan, moneyLabel } from './format.ts';
import { FUNDING_SOURCES, STAGES, type Overview } from './types.ts';
import type { ChildFigure } from './useOverview.ts';

export interface ChartTheme {
  dark: boolean;
  /** Base font size: larger on the wall. */
  font: number;
}

const PALETTE = ['#1558b0', '#13c2c2', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#eb2f96', '#fa8c16'];
const WALL_PALETTE = ['#4fc3f7', '#00e5c0', '#7cff6b', '#ffd54f', '#ff7043', '#b388ff', '#f48fb1', '#ffab40'];

function base(theme: ChartTheme) {
  const text = theme.dark ? '#d6e4ff' : '#595959';
  return {
    text,
    axisLine: theme.dark ? '#3a5a8c' : '#d9d9d9',
    split: theme.dark ? 'rgba(120,160,220,0.15)' : '#f0f0f0',
    color: theme.dark ? WALL_PALETTE : PALETTE,
    textStyle: { color: text, fontSize: theme.font },
  };
}

/** Funds by source as a ring; values drawn from exact yuan, tooltips from the fen. */
export function fundingOption(o: Overview, label: (source: string) => string, lang: string, theme: ChartTheme): EChartsCoreOption {
  const b = base(theme);
  const data = FUNDING_SOURCES.filter((s) => (o.fundingFen[s] ?? 0) > 0).map((s) => ({
    name: label(s),
    value: drawYuan(o.fundingFen[s] ?? 0),
    fen: String(o.fundingFen[s] ?? 0),
  }));
  return {
    color: b.color,
    textStyle: b.textStyle,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; percent?: number; data?: { fen?: string } }) =>
        `${p.name ?? ''}：${moneyLabel(p.data?.fen ?? '0', lang)}（${p.percent ?? 0}%）`,
    },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: b.text, fontSize: theme.font } },
    series: [
      {
        type: 'pie',
        radius: theme.dark ? ['30%', '52%'] : ['40%', '66%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: theme.dark ? '#0a1a33' : '#fff', borderWidth: 2 },
        label: { color: b.text, fontSize: theme.font, formatter: '{b}\n{d}%' },
        data,
      },
    ],
  };
}

/** Projects by lifecycle stage, in the stages' order. */
export function stagesOption(o: Overview, stageName: (stage: string) => string, seriesName: string, theme: ChartTheme): EChartsCoreOption {
  const b = base(theme);
  return {
    color: b.color,
    textStyle: b.textStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: STAGES.map((s) => stageName(s)),
      axisLabel: { color: b.text, fontSize: theme.font - 1, interval: 0, rotate: 35 },
      axisLine: { lineStyle: { color: b.axisLine } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: b.text, fontSize: theme.font },
      splitLine: { lineStyle: { color: b.split } },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        barMaxWidth: 36,
        itemStyle: { borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: b.text, fontSize: theme.font - 1 },
        data: STAGES.map((s) => o.byStage[s] ?? 0),
      },
    ],
  };
}

/** The children's households or compounds; a click on a bar drills into that child. */
export function childrenOption(
  items: ChildFigure[],
  measure: 'households' | 'compounds',
  seriesName: string,
  theme: ChartTheme,
): EChartsCoreOption {
  const b = base(theme);
  return {
    color: [b.color[measure === 'households' ? 0 : 2]],
    textStyle: b.textStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((c) => c.name),
      triggerEvent: true,
      axisLabel: { color: b.text, fontSize: theme.font - 1, interval: 0, rotate: items.length > 6 ? 30 : 0 },
      axisLine: { lineStyle: { color: b.axisLine } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: b.text, fontSize: theme.font },
      splitLine: { lineStyle: { color: b.split } },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        barMaxWidth: 48,
        barMinHeight: 4,
        itemStyle: { borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: b.text, fontSize: theme.font - 1 },
        data: items.map((c) => ({ value: (measure === 'households' ? c.households : c.compounds) ?? 0, key: c.key, kind: c.kind })),
      },
    ],
  };
}
