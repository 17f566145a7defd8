// One ECharts canvas, resized with its box (the wall display follows the viewport). ECharts parts are
// registered per chart type from echarts/core (the whole library is a 2 MB bundle).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  /** 'series' for a bar or a slice, 'xAxis' for a category label. */
  componentType: string;
  dataIndex: number | undefined;
  name: string | undefined;
  /** The category's text when a label was clicked. */
  value: unknown;
}

interface Props {
  option: EChartsCoreOption;
  testId: string;
  height: number | string;
  onClick?: (p: ChartClick) => void;
  /**
   * Publishes the centre of each bar of the first series, in CSS pixels of the chart's box, as JSON in
   * data-bars once drawn: what lets a browser test click a bar on the canvas.
   */
  exposeBars?: boolean;
}

interface BarTarget {
  i: number;
  x: number;
  y: number;
}

function barTargets(chart: echarts.ECharts): BarTarget[] {
  const option = chart.getOption() as { series?: { data?: unknown[] }[] };
  const data = option.series?.[0]?.data ?? [];
  const out: BarTarget[] = [];
  data.forEach((d, i) => {
    const raw = typeof d === 'object' && d !== null && 'value' in d ? (d as { value: unknown }).value : d;
    const value = typeof raw === 'number' ? raw : 0;
    const top = chart.convertToPixel({ seriesIndex: 0 }, [i, value]) as number[] | undefined;
    const bottom = chart.convertToPixel({ seriesIndex: 0 }, [i, 0]) as number[] | undefined;
    if (!top || !bottom) return;
    // Half-way up the bar; a zero bar is the few pixels barMinHeight draws above the axis.
    const y = bottom[1]! - top[1]! >= 6 ? (top[1]! + bottom[1]!) / 2 : bottom[1]! - 2;
    out.push({ i, x: Math.round(top[0]!), y: Math.round(y) });
  });
  return out;
}

export default function EChart({ option, testId, height, onClick, exposeBars = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chartRef.current = chart;
    chart.on('click', (p: unknown) => {
      const params = p as ChartClick;
      clickRef.current?.({ componentType: params.componentType, dataIndex: params.dataIndex, name: params.name, value: params.value });
    });
    // data-rendered: the animation has settled (what a screenshot waits for).
    chart.on('finished', () => {
      el.dataset.rendered = 'true';
      if (exposeBars) el.dataset.bars = JSON.stringify(barTargets(chart));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [exposeBars]);

  useEffect(() => {
    if (!chartRef.current) return;
    delete ref.current?.dataset.rendered;
    chartRef.current.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
