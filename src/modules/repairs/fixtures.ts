// Test factories for repairs: each test makes its own compound in the 和睦 community with two homes, a resident
// bound (and verified by a second community worker) to each home with an account of their own, two property staff
// accounts scoped to the compound, and a second compound with its own staff and resident, so scope is tested between
// real accounts and no test leans on the demo city's repairs.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';

export const HEMU_COMMUNITY = '330105004001';

// The smallest real PNG (1×1, transparent).
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface RepairCompound {
  compoundId: string;
  households: string[];
  /** Residents' usernames: residents[i] lives in households[i]. */
  residents: string[];
  /** Property staff accounts of this compound (usernames and ids). */
  staff: { username: string; id: string }[];
}

export interface RepairWorld extends RepairCompound {
  tag: string;
  /** Another compound with its own resident and staff: what scope keeps apart. */
  other: RepairCompound;
}

let made = 0;

async function compound(t: TestApp, tag: string, n: number): Promise<RepairCompound> {
  const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `报修测试小区-${tag}-${n}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路报修${tag}-${n}号`,
    yearBuilt: 1991,
    floorAreaM2: '4000.00',
  });
  expect(res.statusCode, res.body).toBe(201);
  const compoundId = res.json<{ id: string }>().id;
  const added = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: [
      { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '60.00' },
      { building: '2幢', unit: '2单元', room: '202', floorAreaM2: '70.00' },
    ],
  });
  expect(added.statusCode, added.body).toBe(201);
  const households = added.json<{ ids: string[] }>().ids;
  const residents: string[] = [];
  for (const [i, householdId] of households.entries()) {
    const phone = `136${String(parseInt(tag, 16) % 1e6).padStart(6, '0')}${n}${i}`;
    const bound = await t.call('POST', `/api/v1/households/${householdId}/residents`, 'hemu-worker', { name: `报修居民${i}`, phone });
    expect(bound.statusCode, bound.body).toBe(201);
    const residentId = bound.json<{ residentId: string }>().residentId;
    const verified = await t.call('POST', `/api/v1/households/${householdId}/residents/${residentId}/verification`, 'hemu-worker-2', {
      decision: 'verified',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const username = `repair-res-${tag}-${n}-${i}`;
    await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, { username, displayName: `报修居民${i}`, password: 'Demo@2026', role: 'resident', residentId }),
    );
    residents.push(username);
  }
  const staff: { username: string; id: string }[] = [];
  for (const suffix of ['a', 'b']) {
    const username = `repair-staff-${tag}-${n}${suffix}`;
    const id = await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username,
        displayName: `维修师傅${suffix}-${tag}`,
        password: 'Demo@2026',
        role: 'property_manager',
        scopeCompoundIds: [compoundId],
      }),
    );
    staff.push({ username, id });
  }
  return { compoundId, households, residents, staff };
}

export async function repairWorld(t: TestApp): Promise<RepairWorld> {
  const tag = `${randomBytes(2).toString('hex')}${made++}`;
  const mine = await compound(t, tag, 1);
  const other = await compound(t, tag, 2);
  return { tag, ...mine, other };
}

/** A multipart POST as a browser form sends it: text fields, then each photo under `photos`. */
export async function postForm(
  t: TestApp,
  url: string,
  username: string,
  fields: Record<string, string>,
  photos: { name: string; data: Buffer; type?: string }[] = [],
) {
  const boundary = '----repair' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const p of photos)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${p.name}"\r\nContent-Type: ${p.type ?? 'image/png'}\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(await t.as(username)) },
  });
}

/** Files a request as the resident (a leaking pipe with one photo by default) and answers its id. */
export async function fileRequest(
  t: TestApp,
  username: string,
  fields: Record<string, string> = {},
  photos = [{ name: 'leak.png', data: PNG }],
) {
  const res = await postForm(t, '/api/v1/me/repairs', username, { category: 'water', description: '厨房水管漏水', ...fields }, photos);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; status: string; dueAt: string }>().id;
}
