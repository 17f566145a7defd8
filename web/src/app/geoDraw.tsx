// GeoMap's drawing: the canvas layers (graticule, hot-spot cells, polygons, circles, points batched per colour, the
// focused point, a scale bar) and the toolbar over the map. Kept apart from the component's input handling.
import { Button, Space, Tooltip } from 'antd';
import { ExpandOutlined, FireOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  graticuleStep,
  heatColour,
  isPlaced,
  METRES_PER_DEGREE_LAT,
  project,
  scaleBar,
  type HeatCell,
  type LatLng,
  type View,
} from './geo.ts';

export interface DrawPoint extends LatLng {
  color?: string;
  size?: number;
}
export interface DrawCircle extends LatLng {
  radiusM: number;
  color?: string;
}
export interface DrawPolygon {
  ring: LatLng[];
  color?: string;
}
export interface Size {
  w: number;
  h: number;
}

const DEFAULT_COLOUR = '#1677ff';

/** Zoom in and out, fit to the data, and the hot-spot layer's switch (null: not offered). */
export function GeoMapToolbar({
  testId,
  heat,
  onZoom,
  onFit,
  onHeat,
}: {
  testId: string;
  heat: boolean | null;
  onZoom: (factor: number) => void;
  onFit: () => void;
  onHeat: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact direction="vertical" style={{ position: 'absolute', top: 8, right: 8 }}>
      <Tooltip title={t('geoMap.zoomIn')} placement="left">
        <Button
          size="small"
          icon={<PlusOutlined />}
          aria-label={t('geoMap.zoomIn')}
          onClick={() => onZoom(1.5)}
          data-testid={`${testId}-zoom-in`}
        />
      </Tooltip>
      <Tooltip title={t('geoMap.zoomOut')} placement="left">
        <Button
          size="small"
          icon={<MinusOutlined />}
          aria-label={t('geoMap.zoomOut')}
          onClick={() => onZoom(1 / 1.5)}
          data-testid={`${testId}-zoom-out`}
        />
      </Tooltip>
      <Tooltip title={t('geoMap.fit')} placement="left">
        <Button size="small" icon={<ExpandOutlined />} aria-label={t('geoMap.fit')} onClick={onFit} data-testid={`${testId}-fit`} />
      </Tooltip>
      {heat !== null && (
        <Tooltip title={t('geoMap.heat')} placement="left">
          <Button
            size="small"
            type={heat ? 'primary' : 'default'}
            icon={<FireOutlined />}
            aria-label={t('geoMap.heat')}
            aria-pressed={heat}
            onClick={onHeat}
            data-testid={`${testId}-heat`}
          />
        </Tooltip>
      )}
    </Space.Compact>
  );
}

export function draw(
  g: CanvasRenderingContext2D,
  { w, h }: Size,
  view: View,
  layers: { placed: DrawPoint[]; circles: DrawCircle[]; polygons: DrawPolygon[]; cells: HeatCell[]; focus: DrawPoint | null },
): void {
  g.clearRect(0, 0, w, h);
  // Faint graticule: orientation without any base map.
  const step = graticuleStep(view, 90);
  g.strokeStyle = 'rgba(0,0,0,0.05)';
  g.lineWidth = 1;
  g.beginPath();
  const sw = { lat: view.lat - h / 2 / view.scale, lng: view.lng - w / 2 / (view.scale * view.cos) };
  for (let lng = Math.floor(sw.lng / step) * step; ; lng += step) {
    const { x } = project(view, { lat: view.lat, lng }, w, h);
    if (x > w) break;
    g.moveTo(Math.round(x) + 0.5, 0);
    g.lineTo(Math.round(x) + 0.5, h);
  }
  for (let lat = Math.floor(sw.lat / step) * step; ; lat += step) {
    const { y } = project(view, { lat, lng: view.lng }, w, h);
    if (y < 0) break;
    g.moveTo(0, Math.round(y) + 0.5);
    g.lineTo(w, Math.round(y) + 0.5);
  }
  g.stroke();

  if (layers.cells.length) {
    const max = Math.max(...layers.cells.map((c) => c.count));
    for (const c of layers.cells) {
      const a = project(view, { lat: c.lat + c.sizeDeg, lng: c.lng }, w, h);
      const b = project(view, { lat: c.lat, lng: c.lng + (c.sizeLngDeg ?? c.sizeDeg / view.cos) }, w, h);
      if (b.x < 0 || a.x > w || b.y < 0 || a.y > h) continue;
      g.fillStyle = heatColour(c.count, max);
      g.fillRect(a.x, a.y, Math.max(2, b.x - a.x), Math.max(2, b.y - a.y));
    }
  }

  for (const poly of layers.polygons) {
    if (poly.ring.length < 3) continue;
    g.beginPath();
    poly.ring.forEach((p, i) => {
      const q = project(view, p, w, h);
      if (i === 0) g.moveTo(q.x, q.y);
      else g.lineTo(q.x, q.y);
    });
    g.closePath();
    g.fillStyle = withAlpha(poly.color ?? DEFAULT_COLOUR, 0.12);
    g.fill();
    g.strokeStyle = poly.color ?? DEFAULT_COLOUR;
    g.lineWidth = 1.5;
    g.stroke();
  }

  for (const c of layers.circles) {
    if (!isPlaced(c)) continue;
    const q = project(view, c, w, h);
    const r = (c.radiusM / METRES_PER_DEGREE_LAT) * view.scale;
    g.beginPath();
    g.arc(q.x, q.y, Math.max(2, r), 0, 2 * Math.PI);
    g.fillStyle = withAlpha(c.color ?? DEFAULT_COLOUR, 0.1);
    g.fill();
    g.strokeStyle = c.color ?? DEFAULT_COLOUR;
    g.lineWidth = 1;
    g.stroke();
  }

  // One path per colour and size: thousands of points in a handful of fills.
  const batches = new Map<string, { colour: string; r: number; xy: number[] }>();
  for (const p of layers.placed) {
    const q = project(view, p, w, h);
    const r = p.size ?? 5;
    if (q.x < -r || q.y < -r || q.x > w + r || q.y > h + r) continue;
    const colour = p.color ?? DEFAULT_COLOUR;
    const key = `${colour}|${r}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { colour, r, xy: [] }));
    b.xy.push(q.x, q.y);
  }
  g.lineWidth = 1;
  g.strokeStyle = 'rgba(255,255,255,0.9)';
  for (const b of batches.values()) {
    g.beginPath();
    for (let i = 0; i < b.xy.length; i += 2) {
      g.moveTo(b.xy[i]! + b.r, b.xy[i + 1]!);
      g.arc(b.xy[i]!, b.xy[i + 1]!, b.r, 0, 2 * Math.PI);
    }
    g.fillStyle = b.colour;
    g.fill();
    if (b.xy.length < 4000) g.stroke();
  }

  if (layers.focus) {
    const q = project(view, layers.focus, w, h);
    g.beginPath();
    g.arc(q.x, q.y, (layers.focus.size ?? 5) + 5, 0, 2 * Math.PI);
    g.strokeStyle = '#000';
    g.lineWidth = 2;
    g.stroke();
  }

  // Scale bar, bottom left.
  const bar = scaleBar(view, Math.min(120, w / 3));
  const y = h - 12;
  g.strokeStyle = '#434343';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(10, y - 4);
  g.lineTo(10, y);
  g.lineTo(10 + bar.px, y);
  g.lineTo(10 + bar.px, y - 4);
  g.stroke();
  g.fillStyle = '#434343';
  g.font = '11px sans-serif';
  g.fillText(bar.metres >= 1000 ? `${bar.metres / 1000} km` : `${bar.metres} m`, 14 + bar.px, y);
}

/** #rrggbb (or any CSS colour, left as is) with an opacity. */
export function withAlpha(colour: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return colour;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}
