// The timetable as a Gantt chart: ECharts custom series drawing rectangles on a time axis of dates.
// Rows are compounds (or departments); bars are work packages coloured by department, one series
// per department so the legend can hide some; behind each compound's row a translucent band marks
// its ground-opening disturbance window. The rows scroll (dataZoom on the y axis: wheel or the
// slider at the right); the dates zoom with the slider below (or ctrl + wheel) and pan by dragging.
import { useEffect, useMemo, useRef } from 'react';
import { Empty } from 'antd';
import * as echarts from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { buildGantt, departmentColor, type GanttBand, type GanttBar, type PlanView, type RowsBy } from './gantt.ts';
import { useLabels } from './hooks.ts';
import type { DisturbanceWindow, ScheduledPackage } from './types.ts';

echarts.use([
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  CanvasRenderer,
]);

// The parts of ECharts' renderItem arguments used here (its own .d.ts types do not resolve under NodeNext).
interface RenderParams {
  coordSys: unknown;
}
interface RenderApi {
  value(dim: number): number | string;
  coord(point: (number | string)[]): number[];
  size?(dataSize: number[]): number | number[];
  style(): Record<string, unknown>;
}
type RenderItem = (params: RenderParams, api: RenderApi) => Record<string, unknown> | null;

const HEIGHT = 640;
const VISIBLE_ROWS = 18;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Props {
  packages: ScheduledPackage[];
  windows: DisturbanceWindow[];
  rowsBy: RowsBy;
  plan: PlanView;
  departments: string[];
}

export default function GanttChart({ packages, windows, rowsBy, plan, departments }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const model = useMemo(
    () => buildGantt(packages, windows, rowsBy, plan, departments, labels.department, labels.kind),
    // labels change with the language only
    [packages, windows, rowsBy, plan, departments, i18n.language],
  );

  // One chart instance for the component's life; it follows the container's size.
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [model.rows.length === 0]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || model.rows.length === 0) return;

    // Bars: a lane of the row's height (80% of it, split between lanes), clipped to the grid.
    const renderBar: RenderItem = (params, api) => {
      const row = api.value(0) as number;
      const lane = api.value(3) as number;
      const lanes = api.value(4) as number;
      const from = api.coord([api.value(1), row]);
      const to = api.coord([api.value(2), row]);
      const rowHeight = (api.size?.([0, 1]) as number[])[1]!;
      const inner = rowHeight * 0.8;
      const laneHeight = inner / lanes;
      const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
      const rect = echarts.graphic.clipRectByRect(
        {
          x: from[0]!,
          y: from[1]! - inner / 2 + lane * laneHeight,
          width: Math.max(to[0]! - from[0]!, 1),
          height: Math.max(laneHeight - 1, 1),
        },
        { x: coordSys.x, y: coordSys.y, width: coordSys.width, height: coordSys.height },
      );
      if (!rect) return null;
      // The bar's label (its kind, or on a department's row its compound), cut with an ellipsis to the bar's width.
      const label = String(api.value(5));
      const showText = rect.width > 18 && rect.height >= 9;
      return {
        type: 'group',
        children: [
          { type: 'rect', shape: { ...rect, r: 2 }, style: api.style() },
          ...(showText
            ? [
                {
                  type: 'text' as const,
                  silent: true,
                  style: {
                    x: rect.x + 4,
                    y: rect.y + rect.height / 2,
                    text: label,
                    width: rect.width - 6,
                    overflow: 'truncate' as const,
                    ellipsis: '…',
                    fill: '#fff',
                    fontSize: Math.min(11, Math.floor(rect.height - 2)),
                    verticalAlign: 'middle' as const,
                  },
                },
              ]
            : []),
        ],
      };
    };

    // Bands: the whole row's height, translucent, behind the bars.
    const renderBand: RenderItem = (params, api) => {
      const row = api.value(0) as number;
      const from = api.coord([api.value(1), row]);
      const to = api.coord([api.value(2), row]);
      const rowHeight = (api.size?.([0, 1]) as number[])[1]!;
      const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
      const rect = echarts.graphic.clipRectByRect(
        { x: from[0]!, y: from[1]! - rowHeight / 2 + 1, width: Math.max(to[0]! - from[0]!, 1), height: rowHeight - 2 },
        { x: coordSys.x, y: coordSys.y, width: coordSys.width, height: coordSys.height },
      );
      if (!rect) return null;
      return {
        type: 'rect',
        shape: rect,
        style: { fill: 'rgba(250, 140, 22, 0.16)', stroke: 'rgba(250, 140, 22, 0.75)', lineDash: [4, 3], lineWidth: 1 },
      };
    };

    const barPoint = (b: GanttBar) => ({ value: [b.row, b.startMs, b.endMs, b.lane, b.lanes, b.label], bar: b });
    const bandPoint = (b: GanttBand) => ({ value: [b.row, b.startMs, b.endMs], band: b });
    const present = [...new Set<string>(model.bars.map((b) => b.pkg.department))];
    const ordered = [...departments.filter((d) => present.includes(d)), ...present.filter((d) => !departments.includes(d))];
    const windowName = t('coordination.schedule.window');

    const tooltip = (p: { data?: { bar?: GanttBar; band?: GanttBand } }) => {
      const bar = p.data?.bar;
      if (bar) {
        const pkg = bar.pkg;
        const rows = [
          [
            t('coordination.tooltip.kind'),
            `${labels.kind(pkg.kind)}${pkg.opensGround ? ` · ${t('coordination.tooltip.opensGround')}` : ''}`,
          ],
          [t('coordination.tooltip.department'), labels.department(pkg.department)],
          [t('coordination.tooltip.dates'), `${bar.startDate} ~ ${bar.endDate}`],
          [t('coordination.tooltip.duration'), t('coordination.tooltip.durationValue', { value: pkg.durationDays })],
          [t('coordination.tooltip.crews'), t('coordination.tooltip.crewsValue', { value: pkg.crews })],
          [t('coordination.columns.status'), t(`coordination.packageStatus.${pkg.status}`, { defaultValue: pkg.status })],
        ];
        return `<b>${escapeHtml(pkg.compoundName)}</b><br/>${rows.map(([k, v]) => `${escapeHtml(k!)}${t('coordination.colon')}${escapeHtml(v!)}`).join('<br/>')}`;
      }
      const band = p.data?.band;
      if (band) {
        const w = band.window;
        return escapeHtml(
          t('coordination.schedule.windowTip', {
            name: w.compoundName,
            from: w.startDate,
            to: w.endDate,
            days: w.disturbanceDays,
            count: w.excavations,
          }),
        );
      }
      return '';
    };

    const rowCount = model.rows.length;
    const visible = Math.min(rowCount, rowsBy === 'compound' ? VISIBLE_ROWS : rowCount);
    const pad = 3 * 86_400_000;
    chart.setOption(
      {
        animation: false,
        tooltip: { trigger: 'item', confine: true, formatter: tooltip },
        legend: { top: 0, left: 8, right: 8, type: 'scroll' },
        grid: { left: 8, right: 40, top: 56, bottom: 48, containLabel: true },
        xAxis: {
          type: 'time',
          position: 'top',
          min: model.minMs - pad,
          max: model.maxMs + pad,
          splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
          axisLabel: { hideOverlap: true },
        },
        yAxis: {
          type: 'category',
          inverse: true,
          data: model.rows.map((r) => r.label),
          axisTick: { show: false },
          splitLine: { show: true, lineStyle: { color: '#f5f5f5' } },
          axisLabel: { width: 120, overflow: 'truncate', interval: 0 },
        },
        dataZoom: [
          {
            type: 'slider',
            yAxisIndex: 0,
            right: 8,
            width: 16,
            startValue: 0,
            endValue: visible - 1,
            filterMode: 'weakFilter',
            showDetail: false,
            brushSelect: false,
          },
          {
            type: 'inside',
            yAxisIndex: 0,
            zoomOnMouseWheel: false,
            moveOnMouseWheel: true,
            moveOnMouseMove: false,
            filterMode: 'weakFilter',
          },
          {
            type: 'slider',
            xAxisIndex: 0,
            bottom: 8,
            height: 20,
            filterMode: 'weakFilter',
            labelFormatter: (v: number) => echarts.time.format(v, '{yyyy}-{MM}-{dd}', false),
          },
          {
            type: 'inside',
            xAxisIndex: 0,
            zoomOnMouseWheel: 'ctrl',
            moveOnMouseWheel: false,
            moveOnMouseMove: true,
            filterMode: 'weakFilter',
          },
        ],
        series: [
          ...(model.bands.length > 0
            ? [
                {
                  type: 'custom' as const,
                  name: windowName,
                  color: 'rgba(250, 140, 22, 0.45)',
                  renderItem: renderBand,
                  encode: { x: [1, 2], y: 0 },
                  z: 1,
                  data: model.bands.map(bandPoint),
                },
              ]
            : []),
          ...ordered.map((d, i) => ({
            type: 'custom' as const,
            name: labels.department(d),
            color: departmentColor(d, i),
            renderItem: renderBar,
            encode: { x: [1, 2], y: 0 },
            z: 2,
            data: model.bars.filter((b) => b.pkg.department === d).map(barPoint),
          })),
        ],
      },
      { notMerge: true },
    );
  }, [model, rowsBy, departments, t, i18n.language]);

  if (model.rows.length === 0)
    return <Empty data-testid="gantt-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordination.schedule.noPackages')} />;
  return (
    <div
      ref={ref}
      data-testid="gantt-chart"
      data-rows={model.rows.length}
      data-bars={model.bars.length}
      data-bands={model.bands.length}
      data-labels={new Set(model.bars.map((b) => b.label)).size}
      style={{ width: '100%', height: HEIGHT }}
    />
  );
}
