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
  unproject,
  scaleBar,
  type HeatCell,
  type LatLng,
  type View,
} from './geo.ts';

export interface DrawPoint extends LatLng {
  color?: string;
  size?: number;
  farSize?: number;
  shape?: 'dot' | 'square' | 'diamond';
  ring?: string;
  layer?: string;
}
export interface DrawCircle extends LatLng {
  radiusM: number;
  color?: string;
  layer?: string;
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
/** Below this zoom (pixels per degree, about 9 m a pixel) points with a farSize draw at it: a district's specks. */
export const DETAIL_SCALE = 12_000;

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
): Record<string, number> {
  const drawn: Record<string, number> = {};
  const count = (layer: string | undefined) => {
    const k = layer ?? 'points';
    drawn[k] = (drawn[k] ?? 0) + 1;
  };
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

  // Circles batched per colour too (one fill and one stroke each); those off screen or under a pixel are skipped.
  const rings = new Map<string, number[]>();
  for (const c of layers.circles) {
    if (!isPlaced(c)) continue;
    const q = project(view, c, w, h);
    const r = (c.radiusM / METRES_PER_DEGREE_LAT) * view.scale;
    if (r < 1 || q.x < -r || q.y < -r || q.x > w + r || q.y > h + r) continue;
    const colour = c.color ?? DEFAULT_COLOUR;
    let xy = rings.get(colour);
    if (!xy) rings.set(colour, (xy = []));
    xy.push(q.x, q.y, Math.max(2, r));
    count(c.layer ?? 'circles');
  }
  g.lineWidth = 1;
  for (const [colour, xy] of rings) {
    g.beginPath();
    for (let i = 0; i < xy.length; i += 3) {
      g.moveTo(xy[i]! + xy[i + 2]!, xy[i + 1]!);
      g.arc(xy[i]!, xy[i + 1]!, xy[i + 2]!, 0, 2 * Math.PI);
    }
    g.fillStyle = withAlpha(colour, 0.08);
    g.fill();
    g.strokeStyle = withAlpha(colour, 0.6);
    g.stroke();
  }

  // One path per colour, size, shape and outline: thousands of points in a handful of fills.
  const far = view.scale < DETAIL_SCALE;
  const batches = new Map<string, { colour: string; r: number; shape: number; ring?: string; xy: number[] }>();
  for (const p of layers.placed) {
    const q = project(view, p, w, h);
    const r = far && p.farSize !== undefined ? p.farSize : (p.size ?? 5);
    if (q.x < -r || q.y < -r || q.x > w + r || q.y > h + r) continue;
    const colour = p.color ?? DEFAULT_COLOUR;
    const shape = p.shape === 'square' ? 1 : p.shape === 'diamond' ? 2 : 0;
    const key = `${colour}|${r}|${shape}|${p.ring ?? ''}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { colour, r, shape, ring: p.ring, xy: [] }));
    b.xy.push(q.x, q.y);
    count(p.layer);
  }
  // Dots first, then squares (facilities), diamonds (space resources) and outlined ones (compounds with gaps) on top.
  const order = [...batches.values()].sort((a, b) => a.shape - b.shape || Number(!!a.ring) - Number(!!b.ring));
  for (const b of order) {
    g.beginPath();
    for (let i = 0; i < b.xy.length; i += 2) {
      const x = b.xy[i]!;
      const y = b.xy[i + 1]!;
      if (b.shape === 1) g.rect(x - b.r, y - b.r, 2 * b.r, 2 * b.r);
      else if (b.shape === 2) {
        g.moveTo(x, y - b.r - 1);
        g.lineTo(x + b.r + 1, y);
        g.lineTo(x, y + b.r + 1);
        g.lineTo(x - b.r - 1, y);
        g.closePath();
      } else {
        g.moveTo(x + b.r, y);
        g.arc(x, y, b.r, 0, 2 * Math.PI);
      }
    }
    g.fillStyle = b.colour;
    g.fill();
    if (b.ring) {
      g.strokeStyle = b.ring;
      g.lineWidth = 2.5;
      g.stroke();
    } else if (b.r > 2 && b.xy.length < 4000) {
      g.strokeStyle = 'rgba(255,255,255,0.9)';
      g.lineWidth = 1;
      g.stroke();
    }
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
  return drawn;
}

/** The label of the point under the pointer (or focused), with up to four others at the same place. */
export function GeoMapTooltip({
  testId,
  tip,
  width,
}: {
  testId: string;
  tip: { point: { id: string; label: string }; x: number; y: number; more: { id: string; label: string }[] };
  width: number;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="tooltip"
      data-testid={`${testId}-tooltip`}
      style={{
        position: 'absolute',
        left: Math.max(4, Math.min(tip.x + 12, width - 244)),
        top: Math.max(4, tip.y - 36),
        maxWidth: 240,
        padding: '4px 8px',
        background: 'rgba(0,0,0,0.78)',
        color: '#fff',
        borderRadius: 4,
        fontSize: 12,
        pointerEvents: 'none',
        whiteSpace: 'pre-line',
      }}
    >
      {tip.point.label}
      {tip.more.slice(0, 4).map((p) => (
        <div key={p.id} style={{ marginTop: 4, paddingTop: 4, borderTop: '1px solid rgba(255,255,255,0.25)' }}>
          {p.label}
        </div>
      ))}
      {tip.more.length > 4 && <div style={{ marginTop: 4, opacity: 0.8 }}>{t('geoMap.more', { count: tip.more.length - 4 })}</div>}
    </div>
  );
}

/** #rrggbb (or any CSS colour, left as is) with an opacity. */
export function withAlpha(colour: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return colour;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

/** The map's key: each layer's colour and shape, and the heat scale (up to `heatMax` a cell) when heat is shown. */
export function GeoMapLegend({
  testId,
  legend,
  heatMax,
}: {
  testId: string;
  legend: { key: string; label: string; color: string; shape?: 'dot' | 'square' | 'diamond' }[];
  heatMax: number | null;
}) {
  const { t } = useTranslation();
  if (legend.length === 0 && heatMax === null) return null;
  return (
    <div
      data-testid={`${testId}-legend`}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 14px', marginTop: 6, fontSize: 12, color: '#595959' }}
    >
      {legend.map((l) => (
        <span key={l.key} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            aria-hidden
            style={{
              width: 10,
              height: 10,
              background: l.color,
              borderRadius: l.shape === 'square' ? 2 : l.shape === 'diamond' ? 1 : '50%',
              transform: l.shape === 'diamond' ? 'rotate(45deg) scale(0.85)' : undefined,
              display: 'inline-block',
            }}
          />
          {l.label}
        </span>
      ))}
      {heatMax !== null && (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            aria-hidden
            style={{
              width: 40,
              height: 10,
              borderRadius: 2,
              background: `linear-gradient(90deg, ${heatColour(1, 10, 0.8)}, ${heatColour(10, 10, 0.8)})`,
            }}
          />
          {t('geoMap.heatLegend', { max: heatMax })}
        </span>
      )}
    </div>
  );
}

/** A full frame kept as a bitmap, with the view it was drawn at and what it drew. */
export interface Snapshot {
  bitmap: HTMLCanvasElement;
  view: View;
  size: Size;
  drawn: Record<string, number>;
  layers: object[];
}

/**
 * During a pan or zoom gesture the last full frame is moved and scaled instead of redrawn (as tile maps move their
 * tiles): each gesture frame costs one image copy whatever the number of compounds and facilities; the full
 * drawing follows once the gesture rests.
 */
export function blit(g: CanvasRenderingContext2D, snap: Snapshot, view: View, { w, h }: Size): void {
  g.clearRect(0, 0, w, h);
  const corner = project(view, unproject(snap.view, 0, 0, snap.size.w, snap.size.h), w, h);
  const kx = (view.scale * view.cos) / (snap.view.scale * snap.view.cos);
  const ky = view.scale / snap.view.scale;
  g.drawImage(snap.bitmap, corner.x, corner.y, snap.size.w * kx, snap.size.h * ky);
}

/** Keeps the canvas's current frame as the snapshot gestures move (one bitmap, reused). */
export function snapshot(
  canvas: HTMLCanvasElement,
  previous: Snapshot | null,
  view: View,
  size: Size,
  drawn: Record<string, number>,
  layers: object[],
): Snapshot {
  const bitmap = previous?.bitmap ?? document.createElement('canvas');
  if (bitmap.width !== canvas.width || bitmap.height !== canvas.height) {
    bitmap.width = canvas.width;
    bitmap.height = canvas.height;
  }
  const b = bitmap.getContext('2d')!;
  b.clearRect(0, 0, bitmap.width, bitmap.height);
  b.drawImage(canvas, 0, 0);
  return { bitmap, view, size, drawn, layers };
}
