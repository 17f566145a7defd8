// Funding by source: a pie of the planned lines and bars of planned / amended / disbursed.
// ECharts parts come from echarts/core (the whole library is a 2 MB bundle).
import { useEffect, useRef } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { fenToYuanString, formatFen } from '../../app/money.ts';
import type { Funding } from './fundingTypes.ts';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Axis ticks in 万 (zh) or k (en); ECharts picks round tick values. */
function axisYuan(v: number, lang: string): string {
  if (lang === 'en') return v >= 1000 ? `${v / 1000}k` : String(v);
  return v >= 10_000 ? `${v / 10_000}万` : String(v);
}

export default function FundingChart({ funding }: { funding: Funding }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const label = (s: string) => t(`funding.sources.${s}`, { defaultValue: s });
    const bySource = new Map<string, bigint>();
    for (const l of funding.lines) bySource.set(l.source, (bySource.get(l.source) ?? 0n) + BigInt(l.amountFen));
    // ECharts needs numbers: yuan parsed from the exact string, used for drawing only.
    const point = (fen: number | bigint) => ({ value: Number(fenToYuanString(fen)), fen: String(fen) });
    const rows = funding.bySource.filter((r) => r.plannedFen || r.amendedFen || r.disbursedFen);
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName?: string; name?: string; data?: { fen?: string } }) =>
          `${p.seriesName ?? ''}<br/>${p.name ?? ''}：${formatFen(p.data?.fen ?? '0')}`,
      },
      legend: { bottom: 0, type: 'scroll', data: [t('funding.chart.planned'), t('funding.chart.amended'), t('funding.chart.disbursed')] },
      grid: { left: 8, right: 24, top: '56%', bottom: 36, containLabel: true },
      xAxis: { type: 'value', splitNumber: 3, axisLabel: { hideOverlap: true, formatter: (v: number) => axisYuan(v, i18n.language) } },
      yAxis: { type: 'category', data: rows.map((r) => label(r.source)), axisLabel: { width: 80, overflow: 'truncate' } },
      series: [
        {
          type: 'pie',
          name: t('funding.chart.lines'),
          radius: ['28%', '48%'],
          center: ['50%', '50%'],
          top: 0,
          height: '50%',
          label: { formatter: '{b} {d}%' },
          data: [...bySource.entries()].map(([s, fen]) => ({ name: label(s), ...point(fen) })),
        },
        { type: 'bar', name: t('funding.chart.planned'), color: '#1558b0', data: rows.map((r) => point(r.plannedFen)) },
        { type: 'bar', name: t('funding.chart.amended'), color: '#faad14', data: rows.map((r) => point(r.amendedFen)) },
        { type: 'bar', name: t('funding.chart.disbursed'), color: '#52c41a', data: rows.map((r) => point(r.disbursedFen)) },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [funding, t, i18n.language]);

  if (funding.lines.length === 0 && funding.bySource.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <div ref={ref} data-testid="funding-chart" style={{ width: '100%', height: 400 }} />;
}
