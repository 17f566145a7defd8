// Test factories for the resident side: each test makes its own compound in the 和睦 community (with its point
// on the map and two buildings), binds the demo resident (`hemu-resident`) to a home there, and can make a second
// resident of the same compound with an account of their own, so scope is tested between two real residents.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername, upsertAccount } from '../accounts/index.ts';
import { transitionGridEvent, type GridEventState } from './index.ts';

export const HEMU_COMMUNITY = '330105004001';
export const LAT = 30.271234;
export const LNG = 120.121234;

// The smallest real PNG (1×1, transparent).
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface ResidentWorld {
  compoundId: string;
  buildings: { id: string; name: string }[];
  households: string[];
  /** A second resident of the compound with an account of their own (its username). */
  neighbour(): Promise<string>;
  /** Moves an event as the community worker `hemu-worker` (a staff step). */
  staff(eventId: string, to: GridEventState, note?: string): Promise<void>;
}

export async function residentWorld(t: TestApp): Promise<ResidentWorld> {
  const tag = randomBytes(3).toString('hex');
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `报事测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: '3000.00',
    latitude: String(LAT),
    longitude: String(LNG),
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json().id as string;
  const added = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: [
      { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '60.00' },
      { building: '2幢', unit: '1单元', room: '201', floorAreaM2: '60.00' },
    ],
  });
  expect(added.statusCode, added.body).toBe(201);
  const households = added.json().ids as string[];
  await t.ctx.database.pool.query(
    `insert into household_residents (compound_id, household_id, resident_id, relation, status, verified_at)
     select $1, $2, u.resident_id, 'owner', 'verified', now() from users u where u.username = 'hemu-resident'`,
    [compoundId, households[0]],
  );
  const { rows: buildings } = await t.ctx.database.pool.query<{ id: string; name: string }>(
    'select id, name from buildings where compound_id = $1 order by name',
    [compoundId],
  );
  let neighbours = 0;
  return {
    compoundId,
    buildings,
    households,
    async neighbour() {
      const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const bound = await t.call('POST', `/api/v1/households/${households[1]}/residents`, 'hemu-worker', { name: '测试邻居', phone });
      expect(bound.statusCode, bound.body).toBe(201);
      const residentId = bound.json().residentId as string;
      const verified = await t.call('POST', `/api/v1/households/${households[1]}/residents/${residentId}/verification`, 'hemu-worker-2', {
        decision: 'verified',
      });
      expect(verified.statusCode, verified.body).toBe(200);
      const username = `neighbour-${tag}-${++neighbours}`;
      await t.ctx.database.db.transaction((tx) =>
        upsertAccount(tx, { username, displayName: '测试邻居', password: 'Demo@2026', role: 'resident', residentId }),
      );
      return username;
    },
    async staff(eventId, to, note) {
      const worker = await authUserByUsername(t.ctx, 'hemu-worker');
      await transitionGridEvent(t.ctx, eventId, to, worker, note);
    },
  };
}

/** A multipart report: fields, then each photo under `photos`. */
export async function postReport(
  t: TestApp,
  username: string,
  fields: Record<string, string>,
  photos: { name: string; data: Buffer; type?: string }[] = [],
) {
  const boundary = '----grid' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const p of photos) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${p.name}"\r\nContent-Type: ${p.type ?? 'image/png'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/me/grid-events',
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(await t.as(username)) },
  });
}
