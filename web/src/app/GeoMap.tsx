// A map drawn from coordinates alone (R20's "no map service"): points, circles, polygons and a hot-spot layer on
// a canvas, in an equirectangular projection corrected by cos(latitude) (geo.ts). No tiles, no boundaries, no
// request leaves the page, so it works on a city's intranet. Pan by dragging (or arrow keys), zoom by the wheel,
// pinch, the buttons or +/−, fit to the data with the ⤢ button or 0; N/P walk the points from the keyboard, Enter
// opens one. A few thousand points draw in a few milliseconds (one path per colour).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button, Space, Tooltip as AntTooltip } from 'antd';
import { ExpandOutlined, FireOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  aggregateCells,
  fitView,
  graticuleStep,
  heatColour,
  isPlaced,
  METRES_PER_DEGREE_LAT,
  panBy,
  project,
  scaleBar,
  zoomAt,
  type HeatCell,
  type LatLng,
  type View,
} from './geo.ts';

export type { HeatCell, LatLng } from './geo.ts';

export interface GeoPoint extends LatLng {
  id: string;
  /** What the tooltip and the screen reader say. */
  label: string;
  color?: string;
  /** Radius in CSS pixels (default 5). */
  size?: number;
}
export interface GeoCircle extends LatLng {
  id: string;
  radiusM: number;
  color?: string;
  label?: string;
}
export interface GeoPolygon {
  id: string;
  ring: LatLng[];
  color?: string;
  label?: string;
}
export interface GeoLegendItem {
  key: string;
  color: string;
  label: string;
  /** 'dot' for points (default), 'square' for cells and areas. */
  shape?: 'dot' | 'square';
}

export interface GeoMapProps {
  /** The map's name for screen readers (e.g. "事件分布图"). */
  label: string;
  points?: GeoPoint[];
  circles?: GeoCircle[];
  polygons?: GeoPolygon[];
  /** Hot spots counted elsewhere (the server's cells); without them the layer counts `points` on screen. */
  hotSpots?: HeatCell[];
  /** Whether the hot-spot layer is offered (a toggle button), and whether it starts on. */
  heat?: 'off' | 'available' | 'on';
  legend?: GeoLegendItem[];
  onPointClick?: (point: GeoPoint) => void;
  height?: number | string;
  testId?: string;
  /** Shown over the map when nothing has coordinates. */
  emptyText?: string;
  /** Publishes the first points' pixel positions as JSON in data-points (what a browser test clicks). */
  exposePoints?: boolean;
}

const DEFAULT_COLOUR = '#1677ff';
const HIT_PX = 9;
const HEAT_CELL_PX = 28;
const KEY_PAN_PX = 80;

interface Size {
  w: number;
  h: number;
}

export default function GeoMap({
  label,
  points = [],
  circles = [],
  polygons = [],
  hotSpots,
  heat = 'off',
  legend = [],
  onPointClick,
  height = 420,
  testId = 'geo-map',
  emptyText,
  exposePoints = false,
}: GeoMapProps) {
  const { t } = useTranslation();
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [heatOn, setHeatOn] = useState(heat === 'on');
  const [hover, setHover] = useState<{ point: GeoPoint; x: number; y: number } | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const drag = useRef<{ pointers: Map<number, { x: number; y: number }>; moved: boolean; startDist: number }>({
    pointers: new Map(),
    moved: false,
    startDist: 0,
  });

  const placed = useMemo(() => points.filter(isPlaced), [points]);
  const everything = useMemo<LatLng[]>(
    () => [...placed, ...circles.filter(isPlaced), ...polygons.flatMap((p) => p.ring), ...(hotSpots ?? [])],
    [placed, circles, polygons, hotSpots],
  );
  // Refit when the data's extent changes, not on every refetch of the same data.
  const extentKey = useMemo(() => {
    if (!everything.length) return 'none';
    let a = Infinity,
      b = -Infinity,
      c = Infinity,
      d = -Infinity;
    for (const p of everything) {
      if (!isPlaced(p)) continue;
      a = Math.min(a, p.lat);
      b = Math.max(b, p.lat);
      c = Math.min(c, p.lng);
      d = Math.max(d, p.lng);
    }
    return [a, b, c, d].map((v) => v.toFixed(5)).join(',');
  }, [everything]);

  const fit = useCallback(() => {
    if (size) setView(fitView(everything, size.w, size.h));
    // everything changes with extentKey; a refetch of the same extent keeps the reader's view
  }, [size, extentKey]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize((s) =>
        s && s.w === Math.round(r.width) && s.h === Math.round(r.height) ? s : { w: Math.round(r.width), h: Math.round(r.height) },
      );
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    fit();
  }, [fit]);

  // The wheel needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el || !size) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      setView((v) => (v ? zoomAt(v, Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top, size.w, size.h) : v));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [size]);

  const cells = useMemo(() => {
    if (!heatOn || !view) return [];
    return hotSpots ?? aggregateCells(placed, view, HEAT_CELL_PX);
    // Counting on screen depends on the zoom only: panning keeps the cells (they are anchored at 0, 0).
  }, [heatOn, hotSpots, placed, view?.scale, view?.cos]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !size || !view) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.w * dpr);
    canvas.height = Math.round(size.h * dpr);
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(g, size, view, { placed, circles, polygons, cells, focus: focus === null ? null : (placed[focus] ?? null) });
    const box = boxRef.current;
    if (box) {
      box.dataset.ready = 'true';
      if (exposePoints)
        box.dataset.points = JSON.stringify(
          placed.slice(0, 50).map((p) => {
            const { x, y } = project(view, p, size.w, size.h);
            return { id: p.id, x: Math.round(x), y: Math.round(y) };
          }),
        );
    }
  }, [size, view, placed, circles, polygons, cells, focus, exposePoints]);

  const hit = (x: number, y: number): GeoPoint | null => {
    if (!view || !size) return null;
    let best: GeoPoint | null = null;
    let bestD = Infinity;
    for (const p of placed) {
      const q = project(view, p, size.w, size.h);
      const d = (q.x - x) ** 2 + (q.y - y) ** 2;
      const r = Math.max(HIT_PX, (p.size ?? 5) + 3);
      if (d <= r * r && d < bestD) {
        best = p;
        bestD = d;
      }
    }
    return best;
  };

  const local = (e: PointerEvent) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    d.pointers.set(e.pointerId, local(e));
    d.moved = false;
    if (d.pointers.size === 2) {
      const [a, b] = [...d.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      d.startDist = Math.hypot(a.x - b.x, a.y - b.y);
    }
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const at = local(e);
    const before = d.pointers.get(e.pointerId);
    if (!before) {
      const p = hit(at.x, at.y);
      setHover(p ? { point: p, x: at.x, y: at.y } : null);
      e.currentTarget.style.cursor = p ? 'pointer' : 'grab';
      return;
    }
    if (!size) return;
    if (d.pointers.size === 1) {
      const dx = at.x - before.x;
      const dy = at.y - before.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) {
        if (Math.hypot(dx, dy) > 2) d.moved = true;
        setView((v) => (v ? panBy(v, dx, dy) : v));
        setHover(null);
      }
      d.pointers.set(e.pointerId, at);
    } else if (d.pointers.size === 2) {
      d.pointers.set(e.pointerId, at);
      const [a, b] = [...d.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (d.startDist > 0 && dist > 0) {
        const factor = dist / d.startDist;
        d.startDist = dist;
        d.moved = true;
        setView((v) => (v ? zoomAt(v, factor, (a.x + b.x) / 2, (a.y + b.y) / 2, size.w, size.h) : v));
      }
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const wasTap = d.pointers.size === 1 && !d.moved;
    d.pointers.delete(e.pointerId);
    if (!wasTap) return;
    const at = local(e);
    const p = hit(at.x, at.y);
    if (p) {
      setFocus(placed.indexOf(p));
      onPointClick?.(p);
    }
  };

  const zoomButton = (factor: number) => size && setView((v) => (v ? zoomAt(v, factor, size.w / 2, size.h / 2, size.w, size.h) : v));

  const focusPoint = (i: number) => {
    const p = placed[i];
    if (!p || !size) return;
    setFocus(i);
    setHover(null);
    // Bring it into view when it lies outside.
    setView((v) => {
      if (!v) return v;
      const q = project(v, p, size.w, size.h);
      return q.x < 16 || q.y < 16 || q.x > size.w - 16 || q.y > size.h - 16 ? { ...v, lat: p.lat, lng: p.lng } : v;
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || !size) return;
    const pan = (dx: number, dy: number) => setView((v) => (v ? panBy(v, dx, dy) : v));
    const n = placed.length;
    const handled = (() => {
      switch (e.key) {
        case 'ArrowLeft':
          return (pan(KEY_PAN_PX, 0), true);
        case 'ArrowRight':
          return (pan(-KEY_PAN_PX, 0), true);
        case 'ArrowUp':
          return (pan(0, KEY_PAN_PX), true);
        case 'ArrowDown':
          return (pan(0, -KEY_PAN_PX), true);
        case '+':
        case '=':
          return (zoomButton(1.5), true);
        case '-':
        case '_':
          return (zoomButton(1 / 1.5), true);
        case '0':
        case 'Home':
          return (fit(), true);
        case 'n':
        case ']':
          return n ? (focusPoint(focus === null ? 0 : (focus + 1) % n), true) : false;
        case 'p':
        case '[':
          return n ? (focusPoint(focus === null ? n - 1 : (focus - 1 + n) % n), true) : false;
        case 'Enter':
        case ' ':
          if (focus !== null && placed[focus]) onPointClick?.(placed[focus]);
          return focus !== null;
        case 'Escape':
          return (setFocus(null), true);
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const focused = focus !== null ? (placed[focus] ?? null) : null;
  const focusedAt = focused && view && size ? project(view, focused, size.w, size.h) : null;
  const tip = hover ?? (focused && focusedAt ? { point: focused, x: focusedAt.x, y: focusedAt.y } : null);
  const nothing = !everything.some(isPlaced);
  const heatOffered = heat !== 'off';

  return (
    <div data-testid={`${testId}-wrap`}>
      <div
        ref={boxRef}
        data-testid={testId}
        data-point-count={placed.length}
        data-heat-cells={cells.length}
        role="application"
        aria-roledescription={t('geoMap.role')}
        aria-label={`${label}：${t('geoMap.count', { count: placed.length })}`}
        aria-describedby={`${testId}-help`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{
          position: 'relative',
          height,
          minHeight: 200,
          background: '#f4f7fb',
          border: '1px solid #e5e8ef',
          borderRadius: 8,
          overflow: 'hidden',
          touchAction: 'none',
          outlineOffset: 2,
        }}
      >
        <canvas
          ref={canvasRef}
          style={{ width: '100%', height: '100%', display: 'block', cursor: 'grab' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={(e) => drag.current.pointers.delete(e.pointerId)}
          onPointerLeave={() => setHover(null)}
          onDoubleClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            if (size) setView((v) => (v ? zoomAt(v, 2, e.clientX - r.left, e.clientY - r.top, size.w, size.h) : v));
          }}
        />
        <Space.Compact direction="vertical" style={{ position: 'absolute', top: 8, right: 8 }}>
          <AntTooltip title={t('geoMap.zoomIn')} placement="left">
            <Button
              size="small"
              icon={<PlusOutlined />}
              aria-label={t('geoMap.zoomIn')}
              onClick={() => zoomButton(1.5)}
              data-testid={`${testId}-zoom-in`}
            />
          </AntTooltip>
          <AntTooltip title={t('geoMap.zoomOut')} placement="left">
            <Button
              size="small"
              icon={<MinusOutlined />}
              aria-label={t('geoMap.zoomOut')}
              onClick={() => zoomButton(1 / 1.5)}
              data-testid={`${testId}-zoom-out`}
            />
          </AntTooltip>
          <AntTooltip title={t('geoMap.fit')} placement="left">
            <Button size="small" icon={<ExpandOutlined />} aria-label={t('geoMap.fit')} onClick={fit} data-testid={`${testId}-fit`} />
          </AntTooltip>
          {heatOffered && (
            <AntTooltip title={t('geoMap.heat')} placement="left">
              <Button
                size="small"
                type={heatOn ? 'primary' : 'default'}
                icon={<FireOutlined />}
                aria-label={t('geoMap.heat')}
                aria-pressed={heatOn}
                onClick={() => setHeatOn((h) => !h)}
                data-testid={`${testId}-heat`}
              />
            </AntTooltip>
          )}
        </Space.Compact>
        {tip && (
          <div
            role="tooltip"
            data-testid={`${testId}-tooltip`}
            style={{
              position: 'absolute',
              left: Math.min(tip.x + 12, (size?.w ?? 0) - 180),
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
          </div>
        )}
        {nothing && (
          <div
            data-testid={`${testId}-empty`}
            style={{
              position: 'absolute',
              inset: 0,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#8c8c8c',
              pointerEvents: 'none',
            }}
          >
            {emptyText ?? t('geoMap.empty')}
          </div>
        )}
        <div aria-live="polite" style={srOnly}>
          {focused ? t('geoMap.focused', { label: focused.label, index: (focus ?? 0) + 1, total: placed.length }) : ''}
        </div>
      </div>
      <div id={`${testId}-help`} style={srOnly}>
        {t('geoMap.help')}
      </div>
      {(legend.length > 0 || (heatOn && cells.length > 0)) && (
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
                  borderRadius: l.shape === 'square' ? 2 : '50%',
                  display: 'inline-block',
                }}
              />
              {l.label}
            </span>
          ))}
          {heatOn && cells.length > 0 && (
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
              {t('geoMap.heatLegend', { max: Math.max(...cells.map((c) => c.count)) })}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

function draw(
  g: CanvasRenderingContext2D,
  { w, h }: Size,
  view: View,
  layers: { placed: GeoPoint[]; circles: GeoCircle[]; polygons: GeoPolygon[]; cells: HeatCell[]; focus: GeoPoint | null },
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
function withAlpha(colour: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return colour;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}
