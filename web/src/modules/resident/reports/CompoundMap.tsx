// A small offline map of one compound: no tiles, no map service. The compound's registered point is the centre,
// its buildings are drawn as dots laid out around it (the registry keeps no building coordinates, so their
// places are a sketch), and a tap drops the pin whose latitude and longitude are computed from the tap.
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTH = 340;
const HEIGHT = 240;
/** Metres shown across the map's width. */
const SPAN_M = 400;
const M_PER_PX = SPAN_M / WIDTH;
const M_PER_DEG_LAT = 111_320;

export interface LatLng {
  lat: number;
  lng: number;
}

const mPerDegLng = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

export function toPoint(center: LatLng, p: LatLng): { x: number; y: number } {
  return {
    x: WIDTH / 2 + ((p.lng - center.lng) * mPerDegLng(center.lat)) / M_PER_PX,
    y: HEIGHT / 2 - ((p.lat - center.lat) * M_PER_DEG_LAT) / M_PER_PX,
  };
}

export function toLatLng(center: LatLng, x: number, y: number): LatLng {
  return {
    lat: center.lat + ((HEIGHT / 2 - y) * M_PER_PX) / M_PER_DEG_LAT,
    lng: center.lng + ((x - WIDTH / 2) * M_PER_PX) / mPerDegLng(center.lat),
  };
}

/** The sketch's place of each building: rows of dots 40 m apart, centred on the compound's point. */
export function buildingSpots(n: number): { x: number; y: number }[] {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(n)));
  const rows = Math.ceil(n / perRow);
  const step = 40 / M_PER_PX;
  return Array.from({ length: n }, (_, i) => ({
    x: WIDTH / 2 + ((i % perRow) - (perRow - 1) / 2) * step,
    y: HEIGHT / 2 + (Math.floor(i / perRow) - (rows - 1) / 2) * step,
  }));
}

export default function CompoundMap({
  center,
  buildings,
  pin,
  onPin,
  selectedBuilding,
  onBuilding,
}: {
  center: LatLng;
  buildings: { id: string; name: string }[];
  pin: LatLng | null;
  onPin: (p: LatLng) => void;
  selectedBuilding?: string;
  onBuilding?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const spots = buildingSpots(buildings.length);
  const click = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * WIDTH;
    const y = ((e.clientY - box.top) / box.height) * HEIGHT;
    onPin(toLatLng(center, x, y));
  };
  const at = pin ? toPoint(center, pin) : null;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={t('gridEvents.resident.mapHint')}
      data-testid="m-report-map"
      data-pin={pin ? `${pin.lat.toFixed(6)},${pin.lng.toFixed(6)}` : ''}
      onClick={click}
      style={{
        display: 'block',
        background: '#eef3e8',
        borderRadius: 8,
        border: '1px solid #d9d9d9',
        cursor: 'crosshair',
        touchAction: 'manipulation',
      }}
    >
      {/* Streets around the compound: a sketch for orientation only. */}
      <rect x={20} y={20} width={WIDTH - 40} height={HEIGHT - 40} fill="#f8faf5" stroke="#c8d3bd" strokeDasharray="4 3" rx={10} />
      <line x1={0} y1={HEIGHT - 10} x2={WIDTH} y2={HEIGHT - 10} stroke="#ffffff" strokeWidth={8} />
      <line x1={10} y1={0} x2={10} y2={HEIGHT} stroke="#ffffff" strokeWidth={8} />
      {buildings.map((b, i) => {
        const s = spots[i]!;
        const selected = b.id === selectedBuilding;
        return (
          <g
            key={b.id}
            data-testid={`m-map-building-${b.name}`}
            onClick={(e) => {
              if (!onBuilding) return;
              e.stopPropagation();
              onBuilding(b.id);
            }}
          >
            <rect x={s.x - 12} y={s.y - 9} width={24} height={18} rx={3} fill={selected ? '#1558b0' : '#b7c4d6'} />
            <text
              x={s.x}
              y={s.y + 4}
              fontSize={10}
              textAnchor="middle"
              fill={selected ? '#fff' : '#1f2d3d'}
              style={{ pointerEvents: 'none' }}
            >
              {b.name.length > 4 ? b.name.slice(0, 4) : b.name}
            </text>
          </g>
        );
      })}
      {at && (
        <g data-testid="m-map-pin" style={{ pointerEvents: 'none' }}>
          <path d={`M ${at.x} ${at.y} l -7 -16 a 8 8 0 1 1 14 0 z`} fill="#e8453c" stroke="#fff" strokeWidth={1.5} />
          <circle cx={at.x} cy={at.y - 19} r={3} fill="#fff" />
        </g>
      )}
    </svg>
  );
}
