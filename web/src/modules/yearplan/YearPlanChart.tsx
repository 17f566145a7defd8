// Funds by source per district: a stacked bar chart (ECharts parts from echarts/core).
import { useEffect, useMemo, useRef } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { fenToYuanString, formatFen } from '../../app/money.ts';
import type { DistrictRow } from './useYearPlan.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1558b0', '#13a8a8', '#722ed1', '#fa8c16', '#52c41a', '#eb2f96', '#faad14', '#8c8c8c'];

export default function YearPlanChart({ rows, sources }: { rows: DistrictRow[]; sources: string[] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const funded = useMemo(() => rows.filter((r) => r.fundsFen !== 0n), [rows]);

  useEffect(() => {
    if (!ref.current || funded.length === 0) return;
    const chart = echarts.init(ref.current);
    const en = i18n.language === 'en';
    // ECharts needs numbers: yuan parsed from the exact string, for drawing only; tooltips show exact fen.
    const point = (fen: bigint) => ({ value: Number(fenToYuanString(fen)), fen: String(fen) });
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName?: string; name?: string; data?: { fen?: string } }) =>
          `${p.name ?? ''}<br/>${p.seriesName ?? ''}：${formatFen(p.data?.fen ?? '0')}`,
      },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: funded.map((r) => r.name), axisLabel: { interval: 0, rotate: funded.length > 8 ? 30 : 0 } },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => (en ? (v >= 1e6 ? `${v / 1e6}m` : String(v)) : v >= 1e4 ? `${v / 1e4}万` : String(v)) },
      },
      series: sources.map((s, i) => ({
        type: 'bar',
        stack: 'funds',
        name: t(`funding.sources.${s}`, { defaultValue: s }),
        color: COLORS[i % COLORS.length],
        barMaxWidth: 48,
        data: funded.map((r) => point(r.bySource[s] ?? 0n)),
      })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [funded, sources, t, i18n.language]);

  if (funded.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('yearPlan.noFunds')} />;
  return <div ref={ref} data-testid="year-plan-chart" style={{ width: '100%', height: 380 }} />;
}
