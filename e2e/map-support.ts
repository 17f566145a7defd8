// The district map's world and its frame measurement, shared by the browser test (e2e/map.e2e.test.ts) and the
// bench (bench/map.ts). The world is written in SQL through the server's own pool (a district's worth of rows in
// one statement each, reproducible by setseed): compounds of 拱墅区 with projects at every stage, and facilities
// around them. Nothing of the demo city is relied on.
import type { Page } from 'playwright-core';
import type { Pool } from 'pg';

export const GONGSHU = '330105';
const COMMUNITY = '330105004001';
export const NEEDS = ['clothing', 'food', 'transport', 'medical', 'elderly_care', 'culture', 'recreation'] as const;
const KINDS = ['laundry', 'canteen', 'bus_stop', 'clinic', 'elderly_day_care', 'library', 'fitness_ground'];
export const STAGE_CYCLE = ['planned', 'surveyed', 'designed', 'approved', 'under_construction', 'handed_over'] as const;

/**
 * `compounds` compounds of 和睦 (拱墅区) around `at`, one in six without a project and the others with a project at a
 * stage of STAGE_CYCLE in turn, and `facilities` facilities within ~1 km of them. Names carry `tag`.
 */
export async function mapDistrict(pool: Pool, tag: string, compounds: number, facilities: number, at = { lat: 30.3, lng: 120.12 }) {
  await pool.query(`select setseed(0.42)`);
  const { rows } = await pool.query<{ id: string; name: string; lat: string; lng: string; k: number }>(
    `insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, latitude, longitude,
       year_built, floor_area_m2, buildings_count, households_count)
     select overlay(overlay(md5($1 || '-c-' || k) placing '4' from 13) placing '8' from 17)::uuid, '地图小区' || $1 || '-' || k, $2, left($2, 9), left($2, 6), left($2, 4) || '00',
       '地图路' || k || '号', round(($3 + random() * 0.08)::numeric, 6), round(($4 + random() * 0.1)::numeric, 6),
       1985 + k % 15, 5000, 3, 100 + k % 400
     from generate_series(1, $5::int) k
     returning id, name, latitude as lat, longitude as lng, (regexp_match(name, '-(\\d+)$'))[1]::int as k`,
    [tag, COMMUNITY, at.lat, at.lng, compounds],
  );
  // One project per staged compound (k mod 6 = 0 has none), named by the tag, at the stage of STAGE_CYCLE in turn.
  const staged = rows.filter((r) => r.k % (STAGE_CYCLE.length + 1) !== 0);
  await pool.query(
    `with c as (select * from unnest($1::uuid[], $2::text[], $3::text[]) as c(id, name, stage))
     , p as (insert into projects (id, name, year, stage, city_code, district_code, subdistrict_codes, community_codes, floor_area_m2, households)
             select overlay(overlay(md5(c.id::text || '-p') placing '4' from 13) placing '8' from 17)::uuid, c.name || '改造', 2026, c.stage, '330100', '330105', array['330105004'], array[$4], 5000, 100
             from c returning id)
     insert into project_compounds (project_id, compound_id, name, floor_area_m2, households)
     select overlay(overlay(md5(c.id::text || '-p') placing '4' from 13) placing '8' from 17)::uuid, c.id, c.name, 5000, 100 from c`,
    [staged.map((r) => r.id), staged.map((r) => r.name), staged.map((r) => STAGE_CYCLE[(r.k % (STAGE_CYCLE.length + 1)) - 1]), COMMUNITY],
  );
  await pool.query(
    `insert into circle_facilities (id, name, need, kind, latitude, longitude, division_code)
     select overlay(overlay(md5($1 || '-f-' || g) placing '4' from 13) placing '8' from 17)::uuid, '地图设施' || $1 || '-' || g, ($2::text[])[1 + g % 7], ($3::text[])[1 + g % 7],
       round(($4 + random() * 0.09)::numeric, 6), round(($5 + random() * 0.11)::numeric, 6), $6
     from generate_series(1, $7::int) g`,
    [tag, NEEDS, KINDS, at.lat - 0.005, at.lng - 0.005, COMMUNITY, facilities],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lat: Number(r.lat),
    lng: Number(r.lng),
    stage: r.k % (STAGE_CYCLE.length + 1) === 0 ? null : STAGE_CYCLE[(r.k % (STAGE_CYCLE.length + 1)) - 1]!,
  }));
}

export interface FrameMeasure {
  seconds: number;
  /** Browser frames (requestAnimationFrame callbacks) during the scripted interaction. */
  browserFrames: number;
  /** Frames in which the map repainted. */
  mapFrames: number;
  fps: number;
  /** The longest gap between two browser frames, ms. */
  worstFrameMs: number;
  drawn: Record<string, number>;
}

/**
 * A scripted pan (drag, first half) and zoom (wheel in and out, second half) of `seconds`, one input per animation
 * frame, dispatched inside the page so no round trip to the test runner paces it. The figure: the map's repaints per
 * second (each repaint is a frame in which it drew; a slow draw delays the next frame).
 */
export async function measurePanZoom(page: Page, testId: string, seconds = 2): Promise<FrameMeasure> {
  return page.evaluate(
    async ({ testId, seconds }) => {
      const box = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!;
      const canvas = box.querySelector('canvas')!;
      const r = canvas.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      let x = cx;
      let y = cy;
      const pointer = (type: string) =>
        canvas.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            cancelable: true,
            pointerId: 41,
            isPrimary: true,
            button: 0,
            buttons: 1,
            clientX: x,
            clientY: y,
          }),
        );
      const frames0 = Number(box.dataset.frames ?? 0);
      const stamps: number[] = [];
      pointer('pointerdown');
      await new Promise<void>((done) => {
        let t0 = -1;
        const step = (ts: number) => {
          if (t0 < 0) t0 = ts;
          stamps.push(ts);
          const i = stamps.length;
          const elapsed = ts - t0;
          if (elapsed < (seconds * 1000) / 2) {
            x = cx + 120 * Math.sin(i / 12);
            y = cy + 80 * Math.cos(i / 15);
            pointer('pointermove');
          } else {
            if (x !== -1) {
              pointer('pointerup');
              x = -1;
            }
            canvas.dispatchEvent(
              new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: i % 60 < 30 ? -40 : 40, clientX: cx, clientY: cy }),
            );
          }
          if (elapsed < seconds * 1000) requestAnimationFrame(step);
          else requestAnimationFrame(() => done());
        };
        requestAnimationFrame(step);
      });
      const span = (stamps[stamps.length - 1]! - stamps[0]!) / 1000;
      let worst = 0;
      for (let i = 1; i < stamps.length; i++) worst = Math.max(worst, stamps[i]! - stamps[i - 1]!);
      const mapFrames = Number(box.dataset.frames ?? 0) - frames0;
      return {
        seconds: span,
        browserFrames: stamps.length,
        mapFrames,
        fps: mapFrames / span,
        worstFrameMs: worst,
        drawn: JSON.parse(box.dataset.drawn ?? '{}') as Record<string, number>,
      };
    },
    { testId, seconds },
  );
}

/** Space resources of 和睦 at given offsets (degrees) from `at`, each of a kind, status and area; names carry `tag`. */
export async function mapSpaces(
  pool: Pool,
  tag: string,
  at: { lat: number; lng: number },
  spaces: { kind: string; status: string; areaM2: string; dLat: number; dLng: number }[],
) {
  const rows = spaces.map((s, i) => ({
    ...s,
    name: `地图空间${tag}-${i}`,
    lat: Number((at.lat + s.dLat).toFixed(6)),
    lng: Number((at.lng + s.dLng).toFixed(6)),
  }));
  const { rows: ids } = await pool.query<{ id: string; name: string }>(
    `insert into circle_space_resources (id, kind, name, area_m2, owner, latitude, longitude, division_code, status)
     select overlay(overlay(md5(n) placing '4' from 13) placing '8' from 17)::uuid, kind, n, area::numeric, '区机关事务管理局', lat, lng, $6, status
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $7::numeric[]) as s(n, kind, status, area, lat, lng)
     returning id, name`,
    [
      rows.map((r) => r.name),
      rows.map((r) => r.kind),
      rows.map((r) => r.status),
      rows.map((r) => r.areaM2),
      rows.map((r) => r.lat),
      COMMUNITY,
      rows.map((r) => r.lng),
    ],
  );
  const idOf = new Map(ids.map((r) => [r.name, r.id]));
  return rows.map((r) => ({ ...r, id: idOf.get(r.name)! }));
}
