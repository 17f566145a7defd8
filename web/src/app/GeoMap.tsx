// A map drawn from coordinates alone (R20's "no map service"): points, circles, polygons and a hot-spot layer on
// a canvas, in an equirectangular projection corrected by cos(latitude) (geo.ts). No tiles, no boundaries, no
// request leaves the page, so it works on a city's intranet. Pan by dragging (or arrow keys), zoom by the wheel,
// pinch, the buttons or +/−, fit to the data with the ⤢ button or 0; N/P walk the points from the keyboard, Enter
// opens one. Drawing waits for the next animation frame (many moves in one frame draw once), skips what lies off
// screen and shrinks dense points when zoomed out, so a district's compounds and thousands of facilities pan at the
// display's rate. The box publishes what it drew (data-drawn, per layer), its frame count and its view for tests.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  aggregateCells,
  extentOf,
  fitView,
  isPlaced,
  mapKey,
  panBy,
  pointsNear,
  polygonAt,
  project,
  unproject,
  zoomAt,
  type HeatCell,
  type LatLng,
  type View,
} from './geo.ts';
import { blit, draw, GeoMapLegend, GeoMapTooltip, GeoMapToolbar, snapshot, type Size, type Snapshot } from './geoDraw.tsx';

export type { HeatCell, LatLng } from './geo.ts';

export interface GeoPoint extends LatLng {
  id: string;
  /** What the tooltip and the screen reader say. */
  label: string;
  color?: string;
  /** Radius in CSS pixels (default 5). */
  size?: number;
  /** Radius when zoomed out to a district (level of detail: thousands of facilities as specks). */
  farSize?: number;
  shape?: 'dot' | 'square' | 'diamond';
  /** A click passes through it (to the outline beneath): it only shows its tooltip. */
  inert?: boolean;
  /** An outline of another colour (e.g. a compound with gaps). */
  ring?: string;
  /** The layer it belongs to, counted in data-drawn. */
  layer?: string;
}
export interface GeoCircle extends LatLng {
  id: string;
  radiusM: number;
  color?: string;
  label?: string;
  layer?: string;
}
export interface GeoPolygon {
  id: string;
  /** What the page calls it (a division's code), handed back on a click. */
  key?: string;
  ring: LatLng[];
  color?: string;
  label?: string;
}
export interface GeoLegendItem {
  key: string;
  color: string;
  label: string;
  /** 'dot' for points (default), 'square' for cells and areas, 'diamond' for space resources. */
  shape?: 'dot' | 'square' | 'diamond';
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
  /** A click on an outline where no point (other than inert ones) lies: e.g. drill into that division. */
  onPolygonClick?: (polygon: GeoPolygon) => void;
  height?: number | string;
  testId?: string;
  /** Shown over the map when nothing has coordinates. */
  emptyText?: string;
  /** Publishes the first points' pixel positions as JSON in data-points (what a browser test clicks). */
  exposePoints?: boolean;
  /** Called after each drawn frame (a benchmark counts them). */
  onFrame?: (drawn: Record<string, number>) => void;
}

const HIT_PX = 9;
/** A gesture rests after this long without a move; the full drawing then replaces the moved frame. */
const SETTLE_MS = 120;
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
  onPolygonClick,
  height = 420,
  testId = 'geo-map',
  emptyText,
  exposePoints = false,
  onFrame,
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
  const extentKey = useMemo(() => extentOf(everything), [everything]);

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
      gesture.current = performance.now();
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

  // The canvas's pixels follow its size only (assigning width clears it and costs a reallocation).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !size) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.w * dpr);
    canvas.height = Math.round(size.h * dpr);
  }, [size]);

  // What the next frame draws; many changes within one frame (pointer moves) draw once.
  const scene = useRef<{ view: View; size: Size; focused: GeoPoint | null } | null>(null);
  const frame = useRef(0);
  const frames = useRef(0);
  /** When the last pan or zoom gesture moved the view; the last full frame; the timer of the full redraw after. */
  const gesture = useRef(0);
  const snapped = useRef<Snapshot | null>(null);
  const settle = useRef(0);
  const paint = useRef<() => void>(() => undefined);
  paint.current = () => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const sc = scene.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !sc || !g) return;
    const dpr = canvas.width / sc.size.w || 1;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const layers = [placed, circles, polygons, cells];
    const snap = snapped.current;
    const gesturing = performance.now() - gesture.current < SETTLE_MS;
    let drawn: Record<string, number>;
    if (gesturing && snap && !sc.focused && snap.layers.every((l, i) => l === layers[i])) {
      blit(g, snap, sc.view, sc.size);
      drawn = snap.drawn;
      window.clearTimeout(settle.current);
      settle.current = window.setTimeout(() => {
        gesture.current = 0;
        if (!frame.current) frame.current = requestAnimationFrame(() => paint.current());
      }, SETTLE_MS);
    } else {
      drawn = draw(g, sc.size, sc.view, { placed, circles, polygons, cells, focus: sc.focused });
      snapped.current = snapshot(canvas, snap, sc.view, sc.size, drawn, layers);
    }
    const box = boxRef.current;
    if (box) {
      box.dataset.ready = 'true';
      box.dataset.frames = String(++frames.current);
      box.dataset.drawn = JSON.stringify(drawn);
      box.dataset.view = JSON.stringify({ ...sc.view, w: sc.size.w, h: sc.size.h });
      if (exposePoints)
        box.dataset.points = JSON.stringify(
          placed.slice(0, 50).map((p) => {
            const { x, y } = project(sc.view, p, sc.size.w, sc.size.h);
            return { id: p.id, x: Math.round(x), y: Math.round(y) };
          }),
        );
    }
    onFrame?.(drawn);
  };
  useEffect(() => {
    if (!size || !view) return;
    scene.current = { view, size, focused: focus === null ? null : (placed[focus] ?? null) };
    if (!frame.current) frame.current = requestAnimationFrame(() => paint.current());
  }, [size, view, placed, circles, polygons, cells, focus, exposePoints]);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      window.clearTimeout(settle.current);
    },
    [],
  );
  /** A view change by a gesture (drag, pinch, wheel): its frames move the last full frame until it rests. */
  const gestureTo = (update: (v: View | null) => View | null) => {
    gesture.current = performance.now();
    setView(update);
  };

  /** The points within reach of (x, y), nearest first; the outline under it when outlines answer clicks. */
  const hits = (x: number, y: number): GeoPoint[] => (view && size ? pointsNear(placed, view, size.w, size.h, x, y, HIT_PX) : []);
  const outlineAt = (x: number, y: number): GeoPolygon | null =>
    view && size && onPolygonClick ? polygonAt(polygons, unproject(view, x, y, size.w, size.h)) : null;

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
    // A pointer the browser does not know (a scripted one) cannot be captured; the drag works without.
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* not captured */
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const at = local(e);
    const before = d.pointers.get(e.pointerId);
    if (!before) {
      const [p, ...more] = hits(at.x, at.y);
      // Off every point, an outline that answers clicks names itself (a pseudo-point for the tooltip).
      const o = p ? null : outlineAt(at.x, at.y);
      const under = p ?? (o?.label ? { id: o.id, label: o.label, lat: 0, lng: 0 } : null);
      setHover(under ? { point: under, x: at.x, y: at.y, more } : null);
      e.currentTarget.style.cursor = p || o ? 'pointer' : 'grab';
      return;
    }
    if (!size) return;
    if (d.pointers.size === 1) {
      const dx = at.x - before.x;
      const dy = at.y - before.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) {
        if (Math.hypot(dx, dy) > 2) d.moved = true;
        gestureTo((v) => (v ? panBy(v, dx, dy) : v));
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
        gestureTo((v) => (v ? zoomAt(v, factor, (a.x + b.x) / 2, (a.y + b.y) / 2, size.w, size.h) : v));
      }
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const wasTap = d.pointers.size === 1 && !d.moved;
    d.pointers.delete(e.pointerId);
    if (!wasTap) return;
    const at = local(e);
    const p = hits(at.x, at.y).find((q) => !q.inert);
    if (p) {
      setFocus(placed.indexOf(p));
      onPointClick?.(p);
      return;
    }
    const o = outlineAt(at.x, at.y);
    if (o) onPolygonClick?.(o);
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
    const n = placed.length;
    const act = mapKey(e.key);
    const handled = (() => {
      if (!act) return false;
      if ('pan' in act) return (setView((v) => (v ? panBy(v, act.pan[0] * KEY_PAN_PX, act.pan[1] * KEY_PAN_PX) : v)), true);
      if ('zoom' in act) return (zoomButton(act.zoom), true);
      if (act.step === 'fit') return (fit(), true);
      if (act.step === 'next') return n ? (focusPoint(focus === null ? 0 : (focus + 1) % n), true) : false;
      if (act.step === 'previous') return n ? (focusPoint(focus === null ? n - 1 : (focus - 1 + n) % n), true) : false;
      if (act.step === 'open') {
        if (focus !== null && placed[focus]) onPointClick?.(placed[focus]);
        return focus !== null;
      }
      return (setFocus(null), true);
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
        {tip && <GeoMapTooltip testId={testId} tip={tip} width={size?.w ?? 0} />}
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
      <GeoMapLegend testId={testId} legend={legend} heatMax={heatOn && cells.length > 0 ? Math.max(...cells.map((c) => c.count)) : null} />
    </div>
  );
}

const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
