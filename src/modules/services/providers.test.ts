// Changing a provider (PUT /api/v1/services/providers/{id}, the staff's edit form): its name, dialects and base are
// kept; an inactive provider drops out of matching at once; bad input names the field; only staff who manage
// services may change one (not the provider's own account, not a reader).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { servicesWorld, type ServicesWorld, type WorldProvider } from './fixtures.ts';

let t: TestApp;
let w: ServicesWorld;
let near: WorldProvider;
let far: WorldProvider;

beforeAll(async () => {
  t = await testApp();
  w = await servicesWorld(t);
  near = await w.provider({ north: 200 });
  far = await w.provider({ north: 2000 });
});
afterAll(async () => t?.close());

const change = (who: string, id: string, body: Record<string, unknown>) => t.call('PUT', `/api/v1/services/providers/${id}`, who, body);
const base = { name: '改名后的食堂', dialects: ['hangzhou'], lat: 30.1, lng: 120.1, active: true };

describe('changing a provider', () => {
  it('keeps the new name, dialects and base, and a company has no gender', async () => {
    const res = await change('hemu-worker', near.id, { ...base, gender: 'female' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: near.id,
      name: '改名后的食堂',
      dialects: ['hangzhou'],
      lat: 30.1,
      lng: 120.1,
      gender: null,
      active: true,
    });
    const again = await t.call('GET', `/api/v1/services/providers/${near.id}`, 'hemu-worker');
    expect(again.json()).toMatchObject({ name: '改名后的食堂', dialects: ['hangzhou'] });
  });

  it('an inactive provider is no longer a candidate: the next order goes to the other one', async () => {
    // Back 200 m from compound A (nearer than the other one), but inactive.
    const home = { name: '停用的食堂', dialects: [], lat: Number((w.lat + 0.0018).toFixed(6)), lng: w.lng };
    const off = await change('hemu-worker', near.id, { ...home, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<{ active: boolean }>().active).toBe(false);
    const elder = await w.elder();
    const order = await w.order(elder);
    expect(order.offers.map((o) => o.providerId)).toEqual([far.id]);
    const on = await change('hemu-worker', near.id, { ...home, active: true });
    expect(on.statusCode, on.body).toBe(200);
    const second = await w.order(await w.elder({ name: '赵阿婆' }));
    expect(second.offers.map((o) => o.providerId)).toEqual([near.id]);
  });

  it('refuses an unknown dialect naming the field, and a missing name', async () => {
    const bad = await change('hemu-worker', near.id, { ...base, dialects: ['klingon'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['body.dialects.0']);
    const noName = await change('hemu-worker', near.id, { ...base, name: ' ' });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json())).toContain('name');
  });

  it('only staff who manage services change a provider', async () => {
    expect((await change(near.username, near.id, base)).statusCode).toBe(403);
    expect((await change('gongshu', near.id, base)).statusCode).toBe(403);
    expect((await change('hemu-worker', '00000000-0000-7000-8000-000000000000', base)).statusCode).toBe(404);
  });
});
