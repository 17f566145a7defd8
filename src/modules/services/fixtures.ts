// Test factories for home care services: each test makes its own two compounds in 和睦社区 (A with three households,
// B with one) at a point of their own, its own residents with accounts, elders with care profiles and providers
// with accounts, offerings, qualifications and slots, so no test leans on the demo's services or another test's.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';
import { shanghaiDay } from './subsidy.ts';

export const HEMU_COMMUNITY = '330105004001';
const M_PER_DEGREE = (6_371_000 * Math.PI) / 180;

export interface ProviderSpec {
  name?: string;
  kind?: 'company' | 'individual';
  gender?: 'female' | 'male' | null;
  dialects?: string[];
  /** Metres north of compound A's point. */
  north?: number;
  compounds?: ('A' | 'B')[];
  offerings?: { kind: string; priceFen: number; capacity?: number }[];
  qualifications?: { code: string; validUntil: string }[];
}

export interface WorldProvider {
  id: string;
  username: string;
  offeringIds: string[];
}

export interface ServicesWorld {
  tag: string;
  compoundA: string;
  compoundB: string;
  householdsA: string[];
  householdB: string;
  lat: number;
  lng: number;
  /** Tomorrow 11:00 in Shanghai: inside every slot the world's providers get (10:00–13:00). */
  serviceAt: string;
  slotStart: string;
  slotEnd: string;
  /** A resident bound (verified) to a household, with an account of their own. */
  resident(household: string): Promise<{ username: string; residentId: string; phone: string }>;
  /** A care profile kept by the community worker `hemu-worker`; answers its id. */
  elder(input?: Record<string, unknown>): Promise<string>;
  provider(spec?: ProviderSpec): Promise<WorldProvider>;
  /** An order by the community worker (代下单). */
  order(
    profileId: string,
    input?: Record<string, unknown>,
  ): Promise<{ id: string; status: string; offers: { providerId: string; answer: string }[] }>;
}

let counter = 0;

export async function servicesWorld(t: TestApp): Promise<ServicesWorld> {
  const tag = randomBytes(3).toString('hex');
  const n = (parseInt(tag, 16) + counter++ * 7919) % 400;
  const lat = Number((29.6 + Math.floor(n / 20) * 0.02).toFixed(6));
  const lng = Number((119.4 + (n % 20) * 0.02).toFixed(6));
  const compound = async (suffix: string, rooms: string[], north = 0) => {
    const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
      name: `服务测试小区-${tag}${suffix}`,
      communityCode: HEMU_COMMUNITY,
      address: `和睦路服务${tag}${suffix}号`,
      yearBuilt: 1991,
      floorAreaM2: '4000.00',
      latitude: (lat + north / M_PER_DEGREE).toFixed(6),
      longitude: lng.toFixed(6),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const hh = await t.call('POST', `/api/v1/compounds/${id}/households`, 'hemu-worker', {
      items: rooms.map((room) => ({ building: '1幢', unit: '1单元', room, floorAreaM2: '60.00' })),
    });
    expect(hh.statusCode, hh.body).toBe(201);
    return { id, households: hh.json<{ ids: string[] }>().ids };
  };
  const a = await compound('A', ['101', '102', '103']);
  const b = await compound('B', ['201'], 800);
  const tomorrow = shanghaiDay(new Date(Date.now() + 86_400_000));
  const slotStart = new Date(`${tomorrow}T10:00:00+08:00`).toISOString();
  const slotEnd = new Date(`${tomorrow}T13:00:00+08:00`).toISOString();
  const serviceAt = new Date(`${tomorrow}T11:00:00+08:00`).toISOString();
  let people = 0;
  return {
    tag,
    compoundA: a.id,
    compoundB: b.id,
    householdsA: a.households,
    householdB: b.households[0]!,
    lat,
    lng,
    serviceAt,
    slotStart,
    slotEnd,
    async resident(household) {
      const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const bound = await t.call('POST', `/api/v1/households/${household}/residents`, 'hemu-worker', { name: '测试居民', phone });
      expect(bound.statusCode, bound.body).toBe(201);
      const residentId = bound.json<{ residentId: string }>().residentId;
      const verified = await t.call('POST', `/api/v1/households/${household}/residents/${residentId}/verification`, 'hemu-worker-2', {
        decision: 'verified',
      });
      expect(verified.statusCode, verified.body).toBe(200);
      const username = `svc-res-${tag}-${++people}`;
      await t.ctx.db.transaction((tx) =>
        upsertAccount(tx, { username, displayName: '测试居民', password: 'Demo@2026', role: 'resident', residentId }),
      );
      return { username, residentId, phone };
    },
    async elder(input = {}) {
      const res = await t.call('POST', '/api/v1/services/care-profiles', 'hemu-worker', {
        name: '王桂英',
        phone: '13812345678',
        birthDate: '1941-03-15',
        gender: 'female',
        compoundId: a.id,
        householdId: a.households[0],
        livingAlone: true,
        careLevel: 'mild',
        needs: ['meals'],
        notes: '高血压，饮食少盐',
        ...input,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    },
    async provider(spec = {}) {
      const username = `svc-prov-${tag}-${++people}`;
      const accountId = await t.ctx.db.transaction((tx) =>
        upsertAccount(tx, { username, displayName: `服务商${people}`, password: 'Demo@2026', role: 'service_provider' }),
      );
      const compounds = (spec.compounds ?? ['A']).map((c) => (c === 'A' ? a.id : b.id));
      const created = await t.call('POST', '/api/v1/services/providers', 'hemu-worker', {
        kind: spec.kind ?? 'company',
        name: spec.name ?? `测试服务商${tag}-${people}`,
        gender: spec.gender ?? null,
        dialects: spec.dialects ?? [],
        communityCode: HEMU_COMMUNITY,
        lat: Number((lat + (spec.north ?? 500) / M_PER_DEGREE).toFixed(6)),
        lng,
        compoundIds: compounds,
        accountIds: [accountId],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      for (const q of spec.qualifications ?? [{ code: 'health_certificate', validUntil: '2099-12-31' }]) {
        const r = await t.call('POST', `/api/v1/services/providers/${id}/qualifications`, 'hemu-worker', q);
        expect(r.statusCode, r.body).toBe(201);
      }
      const offeringIds: string[] = [];
      for (const o of spec.offerings ?? [{ kind: 'meal_delivery', priceFen: 1500 }]) {
        const r = await t.call('POST', `/api/v1/services/providers/${id}/offerings`, 'hemu-worker', {
          kind: o.kind,
          name: `${o.kind} ${tag}`,
          priceFen: o.priceFen,
        });
        expect(r.statusCode, r.body).toBe(201);
        const offeringId = r.json<{ offerings: { id: string; kind: string }[] }>().offerings.find((x) => x.kind === o.kind)!.id;
        offeringIds.push(offeringId);
        const s = await t.call('POST', `/api/v1/services/offerings/${offeringId}/slots`, username, {
          slots: [{ startsAt: slotStart, endsAt: slotEnd, capacity: o.capacity ?? 5 }],
        });
        expect(s.statusCode, s.body).toBe(201);
      }
      return { id, username, offeringIds };
    },
    async order(profileId, input = {}) {
      const res = await t.call('POST', '/api/v1/services/orders', 'hemu-worker', {
        profileId,
        kind: 'meal_delivery',
        startsAt: serviceAt,
        ...input,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
  };
}
