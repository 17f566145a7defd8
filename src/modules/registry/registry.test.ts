import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

// Every full read says why (issue 16, item 8).
const reason = encodeURIComponent('核实身份');

type Page<T> = { items: T[]; nextCursor: string | null };
type CompoundItem = {
  id: string;
  name: string;
  communityCode: string;
  divisionPath: string[];
  yearBuilt: number;
  floorAreaM2: string;
  households: number;
  eligible: boolean;
};

async function get<T>(url: string, username: string, status = 200): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: await t.as(username) });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}

async function all(url: string, username: string): Promise<CompoundItem[]> {
  const items: CompoundItem[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: Page<CompoundItem> = await get(`${url}${sep}limit=37${cursor ? `&cursor=${cursor}` : ''}`, username);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('data scope', () => {
  it('shows hemu only compounds under 330105004, and the city admin all of them', async () => {
    const hemu = await all('/api/v1/compounds', 'hemu');
    expect(hemu.length).toBeGreaterThan(10);
    expect(hemu.every((c) => c.divisionPath[3] === '330105004')).toBe(true);
    const city = await all('/api/v1/compounds', 'admin');
    expect(city.length).toBeGreaterThan(100);
    expect(new Set(city.map((c) => c.divisionPath[2])).size).toBe(13);
    expect(new Set(city.map((c) => c.id)).size).toBe(city.length); // paging neither repeats nor skips
  });

  it('answers 404 for a compound outside the scope, exactly as for one that does not exist', async () => {
    const other = (await all('/api/v1/compounds?division=330106', 'admin'))[0]!;
    const outside = await t.app.inject({ method: 'GET', url: `/api/v1/compounds/${other.id}`, headers: await t.as('hemu') });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/compounds/01900000-0000-7000-8000-000000000000',
      headers: await t.as('hemu'),
    });
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json().title).toBe(missing.json().title);
    await get(`/api/v1/compounds/${other.id}/households`, 'hemu', 404);
    expect((await get<CompoundItem>(`/api/v1/compounds/${other.id}`, 'admin')).id).toBe(other.id);
  });

  it('narrows a division filter to the scope and shows the tree from the scope down', async () => {
    const wider = await all('/api/v1/compounds?division=330100', 'hemu');
    expect(wider.every((c) => c.divisionPath[3] === '330105004')).toBe(true);
    expect((await all('/api/v1/compounds?division=330106', 'hemu')).length).toBe(0);
    expect((await get<Page<{ code: string }>>('/api/v1/divisions', 'hemu')).items.map((d) => d.code)).toEqual(['330105004']);
    const communities = await get<Page<{ code: string; level: string }>>('/api/v1/divisions?parent=330105004', 'hemu');
    expect(communities.items.length).toBe(3);
    expect(communities.items.every((d) => d.level === 'community')).toBe(true);
    await get('/api/v1/divisions?parent=330106', 'hemu', 404);
    const districts = await get<Page<{ code: string }>>('/api/v1/divisions?parent=330100', 'admin');
    expect(districts.items.length).toBe(13);
  });

  it('keeps a community worker to one community', async () => {
    const items = await all('/api/v1/compounds', 'hemu-worker');
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((c) => c.communityCode))).toEqual(new Set(['330105004001']));
  });
});

describe('compound list cache', () => {
  const listed = async () => all('/api/v1/compounds?division=330105004003', 'hemu');
  // The cache's own events, heard by a second subscriber on the same connection: the cache subscribed
  // first, so by the time this one hears of a change the cache has already moved its generation on.
  const events: { live: boolean[]; notified: number; waiters: (() => void)[] } = { live: [], notified: 0, waiters: [] };
  const wake = () => events.waiters.splice(0).forEach((w) => w());
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (ok() ? resolve() : void events.waiters.push(check));
      check();
    });

  it('serves pages from memory, and drops them as soon as another process writes compounds (trigger, NOTIFY)', async () => {
    await listed(); // the first read subscribes the cache
    t.ctx.database.notifications.subscribe('registry_version', {
      onNotify: () => {
        events.notified++;
        wake();
      },
      onReset: (live) => {
        events.live.push(live);
        wake();
      },
    });
    await until(() => events.live.at(-1) === true); // listening: pages may now be cached
    const before = await listed();
    const target = before[0]!;
    // A write that fires no trigger (replica role) is invisible to the cache: proof that the page comes from memory.
    const silent = await t.ctx.database.pool.connect();
    try {
      await silent.query(`set session_replication_role = replica`);
      await silent.query(`update compounds set address = '静默修改' where id = $1`, [target.id]);
      await silent.query(`set session_replication_role = origin`);
    } finally {
      silent.release();
    }
    expect(await listed()).toEqual(before);
    const seen = events.notified;
    await t.ctx.database.pool.query(`update compounds set name = '改名后小区' where id = $1`, [target.id]);
    await until(() => events.notified > seen);
    expect((await listed()).find((c) => c.id === target.id)?.name).toBe('改名后小区');
    const again = events.notified;
    await t.ctx.database.pool.query(`update compounds set name = $2 where id = $1`, [target.id, target.name]);
    await until(() => events.notified > again);
    expect((await listed()).find((c) => c.id === target.id)?.name).toBe(target.name);
  });

  it('shows a compound this process created on the very next read', async () => {
    await listed();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compounds',
      headers: await t.as('hemu'),
      payload: { name: '即时可见小区', communityCode: '330105004003', address: '和睦路3号', yearBuilt: 1990, floorAreaM2: '100.00' },
    });
    expect(res.statusCode).toBe(201);
    expect((await listed()).map((c) => c.name)).toContain('即时可见小区');
  });
});

describe('compound list filters', () => {
  it('filters by year built, eligibility (from the policy rule) and text', async () => {
    const eligible = await all('/api/v1/compounds?eligible=true', 'hemu');
    expect(eligible.every((c) => c.eligible && c.yearBuilt <= 2000)).toBe(true);
    const notEligible = await all('/api/v1/compounds?eligible=false', 'hemu');
    expect(notEligible.every((c) => !c.eligible && c.yearBuilt > 2000)).toBe(true);
    expect(eligible.length + notEligible.length).toBe((await all('/api/v1/compounds', 'hemu')).length);
    const range = await all('/api/v1/compounds?yearFrom=1985&yearTo=1990', 'admin');
    expect(range.every((c) => c.yearBuilt >= 1985 && c.yearBuilt <= 1990)).toBe(true);
    const first = eligible[0]!;
    const found = await all(`/api/v1/compounds?q=${encodeURIComponent(first.name)}`, 'hemu');
    expect(found.map((c) => c.id)).toContain(first.id);
    expect((await all('/api/v1/compounds?q=%25_%25', 'hemu')).length).toBe(0); // LIKE wildcards are literal
  });

  it('rejects bad filters with the field named', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/compounds?limit=0&division=12', headers: await t.as('hemu') });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['querystring.division', 'querystring.limit']);
    const cursor = await t.app.inject({ method: 'GET', url: '/api/v1/compounds?cursor=garbage', headers: await t.as('hemu') });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].path).toBe('query.cursor');
  });
});

describe('registering compounds and households', () => {
  let compoundId: string;

  it('creates a compound in scope with the contract shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compounds',
      headers: await t.as('hemu'),
      payload: {
        name: '测试新村',
        communityCode: '330105004002',
        address: '和睦路1号',
        yearBuilt: 1988,
        floorAreaM2: '12345.67',
        longitude: '120.1',
        latitude: '30.3',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: '测试新村',
      communityCode: '330105004002',
      floorAreaM2: '12345.67',
      yearBuilt: 1988,
      eligible: true,
    });
    expect(body.divisionPath).toEqual(['330000', '330100', '330105', '330105004', '330105004002']);
    compoundId = body.id;
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compounds',
      headers: await t.as('hemu'),
      payload: { name: '测试新村', communityCode: '330105004002', address: 'x', yearBuilt: 1988, floorAreaM2: '1.00' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a community outside the scope, and a role without the permission', async () => {
    const payload = { name: '越界小区', communityCode: '330106001001', address: 'x', yearBuilt: 1990, floorAreaM2: '100.00' };
    const outside = await t.app.inject({ method: 'POST', url: '/api/v1/compounds', headers: await t.as('hemu'), payload });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('communityCode');
    const evaluator = await t.app.inject({ method: 'POST', url: '/api/v1/compounds', headers: await t.as('evaluator'), payload });
    expect(evaluator.statusCode).toBe(403);
  });

  it('adds households in one transaction and lists them in order', async () => {
    const items = [
      { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '55.20' },
      { building: '1幢', unit: '1单元', room: '102', floorAreaM2: '60' },
      { building: '2幢', unit: '1单元', room: '101', floorAreaM2: '70.05', deedRef: '杭房权证1号' },
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/compounds/${compoundId}/households`,
      headers: await t.as('hemu'),
      payload: { items },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(3);
    expect(res.json().ids).toHaveLength(3);
    // One duplicate makes the whole request fail and write nothing.
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/compounds/${compoundId}/households`,
      headers: await t.as('hemu'),
      payload: { items: [{ building: '3幢', unit: '1单元', room: '101', floorAreaM2: '50' }, items[0]] },
    });
    expect(dup.statusCode).toBe(409);
    const page = await get<Page<{ building: string; room: string; floorAreaM2: string }>>(
      `/api/v1/compounds/${compoundId}/households?limit=2`,
      'hemu',
    );
    expect(page.items.map((h) => `${h.building}/${h.room}`)).toEqual(['1幢/101', '1幢/102']);
    expect(page.items[1]!.floorAreaM2).toBe('60.00');
    const rest = await get<Page<{ building: string }>>(
      `/api/v1/compounds/${compoundId}/households?limit=2&cursor=${page.nextCursor}`,
      'hemu',
    );
    expect(rest.items.map((h) => h.building)).toEqual(['2幢']);
    expect(rest.nextCursor).toBeNull();
    const detail = await get<{ buildings: { name: string; units: { households: number }[] }[] }>(`/api/v1/compounds/${compoundId}`, 'hemu');
    expect(detail.buildings.map((b) => b.name)).toEqual(['1幢', '2幢']);
  });

  it('validates areas exactly, with two decimals at most', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/compounds/${compoundId}/households`,
      headers: await t.as('hemu'),
      payload: { items: [{ building: '9幢', unit: '1单元', room: '101', floorAreaM2: '55.205' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.items.0.floorAreaM2');
  });
});

describe('personal data', () => {
  type Household = { id: string; residents: { id: string; name: string; phone: string | null; status: string }[] };

  it('is masked in lists and read in full only with the permission, every read audited', async () => {
    const compound = (await all('/api/v1/compounds', 'hemu-worker'))[0]!;
    const page = await get<Page<Household>>(`/api/v1/compounds/${compound.id}/households?limit=5`, 'hemu-worker');
    const resident = page.items.flatMap((h) => h.residents)[0]!;
    expect(resident.name).toMatch(/^\p{Script=Han}\*+$/u);
    expect(resident.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(page)).not.toMatch(/1[3-9]\d{9}/);

    const full = await get<{ name: string; phone: string; idNumber: string; fake: boolean }>(
      `/api/v1/residents/${resident.id}/personal?reason=${reason}`,
      'hemu-worker',
    );
    expect(full.name.startsWith(resident.name[0]!)).toBe(true);
    expect(full.phone).toMatch(/^1\d{10}$/);
    expect(full.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(full.fake).toBe(true);

    await get(`/api/v1/residents/${resident.id}/personal?reason=${reason}`, 'evaluator', 403);
    await get(`/api/v1/residents/${resident.id}/personal?reason=${reason}`, 'power', 403);
    const { rows } = await t.ctx.database.pool.query(
      `select actor_username, entity_id, detail from audit_log where action = 'personal.read' order by id`,
    );
    expect(rows).toEqual([expect.objectContaining({ actor_username: 'hemu-worker', entity_id: resident.id })]);
    expect(JSON.stringify(rows)).not.toContain(full.phone);
  });

  it('binds a resident pending until a worker has checked the deed', async () => {
    const compound = (await all('/api/v1/compounds', 'hemu-worker'))[1]!;
    const household = (await get<Page<Household>>(`/api/v1/compounds/${compound.id}/households?limit=1`, 'hemu-worker')).items[0]!;
    const headers = await t.as('hemu-worker');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${household.id}/residents`,
      headers,
      payload: { name: '陈新', phone: '12345', idNumber: '110105194912310021' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['phone', 'idNumber']);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${household.id}/residents`,
      headers,
      payload: { name: '陈新', phone: '13900001111', idNumber: '11010519491231002X', relation: 'family' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { residentId } = res.json();
    const listed = await get<Page<Household>>(`/api/v1/compounds/${compound.id}/households?limit=1`, 'hemu-worker');
    expect(listed.items[0]!.residents).toContainEqual(
      expect.objectContaining({ id: residentId, name: '陈*', phone: '139****1111', status: 'pending' }),
    );
    // The worker who added the binding may not verify it; a second worker of the community does.
    const verification = async (as: string, decision = 'verified') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/households/${household.id}/residents/${residentId}/verification`,
        headers: await t.as(as),
        payload: { decision },
      });
    const own = await verification('hemu-worker');
    expect(own.statusCode).toBe(403);
    expect(own.headers['content-type']).toMatch(/problem\+json/);
    expect(own.json().detail).toMatch(/another person must check the title deed.*residents\.binding\.second_verifier/);
    const pending = await get<Page<Household>>(`/api/v1/compounds/${compound.id}/households?limit=1`, 'hemu-worker');
    expect(pending.items[0]!.residents).toContainEqual(expect.objectContaining({ id: residentId, status: 'pending' }));
    const verify = await verification('hemu-worker-2');
    expect(verify.statusCode).toBe(200);
    const { rows: users } = await t.ctx.database.pool.query(`select id from users where username = 'hemu-worker-2'`);
    expect(verify.json()).toMatchObject({ status: 'verified', verifiedBy: users[0].id });
    // The same ID number elsewhere matches the same person, never a second record.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${household.id}/residents`,
      headers,
      payload: { name: '陈新', idNumber: '11010519491231002x' },
    });
    expect(again.json().residentId).toBe(residentId);
    const { rows } = await t.ctx.database.pool.query('select name_enc, phone_enc from residents where id = $1', [residentId]);
    expect(JSON.stringify(rows)).not.toMatch(/陈新|13900001111/);
  });

  it('lets the one who added a binding reject it, and verify it too once the rule no longer asks for a second person', async () => {
    const compound = (await all('/api/v1/compounds', 'hemu-worker'))[2]!;
    const household = (await get<Page<Household>>(`/api/v1/compounds/${compound.id}/households?limit=1`, 'hemu-worker')).items[0]!;
    const call = async (as: string, url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url, headers: await t.as(as), payload });
    const bind = async (name: string) =>
      (await call('hemu-worker', `/api/v1/households/${household.id}/residents`, { name, relation: 'tenant' })).json().residentId as string;
    const decide = (residentId: string, decision: string) =>
      call('hemu-worker', `/api/v1/households/${household.id}/residents/${residentId}/verification`, { decision });
    expect((await decide(await bind('王租'), 'rejected')).statusCode).toBe(200);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const published = await call('admin', '/api/v1/policy-rules', {
      key: 'residents.binding.second_verifier',
      version: 'test-one-person',
      value: false,
      source: '测试：一人核验',
      effectiveFrom: today,
    });
    expect(published.statusCode, published.body).toBe(201);
    const alone = await decide(await bind('李租'), 'verified');
    expect(alone.statusCode, alone.body).toBe(200);
    expect(alone.json().status).toBe('verified');
  });
});

describe('exports', () => {
  it('exports the filtered compound list to .xlsx', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/compounds/export.xlsx?division=330105004', headers: await t.as('hemu') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const { readTable } = await import('../../platform/spreadsheet.ts');
    const table = await readTable(res.rawPayload, 'x.xlsx');
    expect(table.header[0]).toMatch(/小区名称/);
    expect(table.rows.length).toBe((await all('/api/v1/compounds', 'hemu')).length);
  });

  it("exports a compound's households with residents masked", async () => {
    const compound = (await all('/api/v1/compounds', 'hemu-worker'))[0]!;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/compounds/${compound.id}/households/export.xlsx`,
      headers: await t.as('hemu-worker'),
    });
    expect(res.statusCode).toBe(200);
    const { readTable } = await import('../../platform/spreadsheet.ts');
    const table = await readTable(res.rawPayload, 'x.xlsx');
    const { rows } = await t.ctx.database.pool.query('select count(*)::int as n from households where compound_id = $1', [compound.id]);
    expect(table.rows.length).toBe(rows[0].n);
    expect(table.rows.map((r) => r.cells[5]).join()).toMatch(/^\p{Script=Han}\*+ 1\d{2}\*{4}\d{4}/u);
  });
});
