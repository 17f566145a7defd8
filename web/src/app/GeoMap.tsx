// A map drawn from coordinates alone (R20's "no map service"): points, circles, polygons and a hot-spot layer on
// a canvas, in an equirectangular projection corrected by cos(latitude) (geo.ts). No tiles, no boundaries, no
// request leaves the page, so it works on a city's intranet. Pan by dragging (or arrow keys), zoom by the wheel,
// pinch, the buttons or +/−, fit to the data with the ⤢ button or 0; N/P walk the points from the keyboard, Enter
// opens one. A few thousand points draw in a few milliseconds (one path per colour).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aggregateCells, fitView, heatColour, isPlaced, panBy, project, zoomAt, type HeatCell, type LatLng, type View } from './geo.ts';
import { draw, GeoMapToolbar, type Size } from './geoDraw.tsx';

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

const HIT_PX = 9;
const HEAT_CELL_PX = 28;
const KEY_PAN_PX = 80;

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
  /** The point under the pointer, and how many others lie under it too (points at one address overlap). */
  const [hover, setHover] = useState<{ point: GeoPoint; x: number; y: number; more: GeoPoint[] } | null>(null);
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

  /** Every point within reach of (x, y), nearest first. */
  const hits = (x: number, y: number): GeoPoint[] => {
    if (!view || !size) return [];
    const near: { p: GeoPoint; d: number }[] = [];
    for (const p of placed) {
      const q = project(view, p, size.w, size.h);
      const d = (q.x - x) ** 2 + (q.y - y) ** 2;
      const r = Math.max(HIT_PX, (p.size ?? 5) + 3);
      if (d <= r * r) near.push({ p, d });
    }
    return near.sort((a, b) => a.d - b.d).map((n) => n.p);
  };
  const hit = (x: number, y: number): GeoPoint | null => hits(x, y)[0] ?? null;

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
      const [p, ...more] = hits(at.x, at.y);
      setHover(p ? { point: p, x: at.x, y: at.y, more } : null);
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
  const tip = hover ?? (focused && focusedAt ? { point: focused, x: focusedAt.x, y: focusedAt.y, more: [] as GeoPoint[] } : null);
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
        <GeoMapToolbar
          testId={testId}
          heat={heatOffered ? heatOn : null}
          onZoom={zoomButton}
          onFit={fit}
          onHeat={() => setHeatOn((h) => !h)}
        />
        {tip && (
          <div
            role="tooltip"
            data-testid={`${testId}-tooltip`}
            style={{
              position: 'absolute',
              left: Math.max(4, Math.min(tip.x + 12, (size?.w ?? 0) - 244)),
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
