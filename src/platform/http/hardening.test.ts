// Issue 11, item 9: what a review found by sending what no form would send. Each answer is a 4xx
// problem naming the field, never a 500.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAccount } from '../../modules/accounts/index.ts';
import { addAwardLine } from '../../modules/funding/index.ts';
import { createLogger } from '../logger.ts';
import { testApp, type TestApp } from '../testing/harness.ts';
import { deflateBomb, zip } from '../testing/zip.ts';
import { buildApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Reply = Awaited<ReturnType<TestApp['call']>>;
function expectProblem(res: Reply, status: number, path: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
}

let projects = 0;
async function newProject(): Promise<string> {
  const compounds = (await t.call('GET', '/api/v1/compounds?limit=50', 'hemu')).json().items as { id: string }[];
  const res = await t.call('POST', '/api/v1/projects', 'hemu', {
    name: `加固 ${projects}`,
    year: 2021,
    compoundIds: [compounds[projects++]!.id],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('a NUL byte answers 400 naming the field', () => {
  it('in a query string or a path', async () => {
    const res = await t.call('GET', '/api/v1/compounds?q=%00', 'admin');
    expectProblem(res, 400, 'querystring.q');
    expect(res.json().detail).toMatch(/NUL/);
    const zh = await t.app.inject({ url: '/api/v1/compounds?q=%00', headers: { ...(await t.as('admin')), 'accept-language': 'zh-CN' } });
    expect(zh.json()).toMatchObject({
      code: 'request.nul',
      detail: 'querystring.q 含有 NUL 字符（\\u0000），任何文本都不能包含它。',
      errors: [{ path: 'querystring.q', code: 'field.nul', message: '含有 NUL 字符' }],
    });
    expectProblem(await t.call('GET', '/api/v1/compounds/%00', 'admin'), 400, 'params.id');
    for (const url of ['/%00', '/assets/%00.js', '/api/docs/%00']) expect((await t.app.inject({ url })).statusCode, url).toBeLessThan(500);
  });

  it('in a sign-in name', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'hemu\u0000', password: 'Demo@2026' },
    });
    expectProblem(res, 400, 'body.username');
  });

  it('in a JSON write, however deep', async () => {
    const compounds = (await t.call('GET', '/api/v1/compounds?limit=1', 'hemu')).json().items as { id: string }[];
    const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: '加固\u0000', year: 2021, compoundIds: [compounds[0]!.id] });
    expectProblem(res, 400, 'body.name');
    const id = await newProject();
    const plan = await t.call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01\u0000', quantity: '1' }],
    });
    expectProblem(plan, 400, 'body.items.0.indicatorCode');
    const amend = await t.call('POST', `/api/v1/projects/${id}/amendments`, 'admin', {
      source: 'city_subsidy',
      amountFen: 1,
      reason: '追加\u0000',
    });
    expectProblem(amend, 400, 'body.reason');
  });

  it('in a cell of an imported file, naming its line and column', async () => {
    const compound = (await t.call('GET', '/api/v1/compounds?limit=1', 'hemu')).json().items[0] as { name: string; communityCode: string };
    const csv = `社区代码,小区名称,楼栋,单元,房号,建筑面积\r\n${compound.communityCode},${compound.name},9幢,1单元,1\u000001,60.5\r\n`;
    const res = await t.upload('/api/v1/imports/households', 'hemu', {}, { name: 'households.csv', data: Buffer.from(csv) });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ line: 2, column: 'room', message: expect.stringMatching(/NUL/) })]);
  });

  it('in a multipart form', async () => {
    const id = await newProject();
    const res = await t.upload(
      `/api/v1/projects/${id}/documents`,
      'hemu',
      { step: 'feasibility', materialType: 'feasibility_report' },
      { name: 'report\u0000.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' },
    );
    expectProblem(res, 400, 'body.file.filename');
  });
});

describe('impossible dates and amounts past the exact range answer 4xx naming the field', () => {
  it('refuses days that do not exist', async () => {
    expectProblem(await t.call('GET', '/api/v1/prices?at=2026-13-45', 'admin'), 400, 'querystring.at');
    expectProblem(await t.call('GET', '/api/v1/prices?at=2026-02-30', 'admin'), 400, 'querystring.at');
    expect((await t.call('GET', '/api/v1/prices?at=2024-02-29', 'admin')).statusCode).not.toBe(400);
    const id = await newProject();
    const paid = await t.call('POST', `/api/v1/projects/${id}/disbursements`, 'admin', {
      date: '2026-02-30',
      source: 'city_subsidy',
      amountFen: 1,
      payee: '施工单位',
      documentRef: 'X-1',
    });
    expectProblem(paid, 400, 'body.date');
  });

  it('refuses a plan line or total beyond the exact amount, keeping the plan as it was', async () => {
    const id = await newProject();
    const line = await t.call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [{ indicatorCode: '01.01.01', quantity: '999999999999.99', unitPriceFen: 1e13 }],
    });
    expectProblem(line, 422, 'body.items.0.quantity');
    // Each line is exact (about 4.5e15 fen), their sum is not.
    const total = await t.call('PUT', `/api/v1/projects/${id}/plan`, 'hemu', {
      items: [
        { indicatorCode: '01.01.01', quantity: '450000', unitPriceFen: 1e10 },
        { indicatorCode: '01.01.02', quantity: '450000', unitPriceFen: 1e10 },
        { indicatorCode: '01.01.03', quantity: '1', unitPriceFen: 1e13 },
      ],
    });
    expectProblem(total, 422, 'body.items.2.quantity');
    expect((await t.call('GET', `/api/v1/projects/${id}/plan`, 'hemu')).statusCode).toBe(404);
  });

  it('refuses funding lines and amendments whose sums leave the exact range', async () => {
    const id = await newProject();
    const max = Number.MAX_SAFE_INTEGER;
    const lines = await t.call('PUT', `/api/v1/projects/${id}/funding`, 'hemu', {
      lines: [
        { source: 'city_subsidy', amountFen: max },
        { source: 'district_subsidy', amountFen: max },
      ],
    });
    expectProblem(lines, 422, 'body.lines');
    const first = await t.call('POST', `/api/v1/projects/${id}/amendments`, 'admin', {
      source: 'city_subsidy',
      amountFen: max,
      reason: '追加',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await t.call('POST', `/api/v1/projects/${id}/amendments`, 'admin', {
      source: 'city_subsidy',
      amountFen: 1,
      reason: '追加',
    });
    expectProblem(second, 422, 'body.amountFen');
    // Exemplary-case awards add up on one line: the one that would leave the range is refused with its award.
    const award = (amountFen: bigint) =>
      t.ctx.db.transaction((tx) => addAwardLine(tx, { projectId: id, year: 2021, districtCode: '330105', amountFen }));
    await award(BigInt(max));
    await expect(award(1n)).rejects.toMatchObject({ status: 422, extra: { errors: [{ path: 'body.amountFen' }] } });
    const funding = await t.call('GET', `/api/v1/projects/${id}/funding`, 'hemu');
    expect(funding.statusCode, funding.body).toBe(200);
    expect(funding.json().lines).toContainEqual(expect.objectContaining({ source: 'exemplary_award', amountFen: max }));
  });

  it('answers a data error PostgreSQL raises as the client’s, never 500 (the backstop behind the edge)', async () => {
    const cases: Record<string, string> = {
      '22008': `select '2026-13-45'::date`,
      '22007': `select 'soon'::date`,
      '22003': `select 9223372036854775807::bigint + 1`,
      '22P02': `select 'abc'::int`,
      '22021': `select convert_from('\\x00'::bytea, 'UTF8')`,
    };
    const { app } = await buildApp({ logger: createLogger('silent'), authenticate: async () => null });
    app.get('/pg/:code', { config: { permission: 'public' } }, async (req) => {
      await t.ctx.db.execute(sql.raw(cases[(req.params as { code: string }).code]!));
      return {};
    });
    const status = async (code: string) => {
      const res = await app.inject({ url: `/pg/${code}` });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      return res.statusCode;
    };
    expect(await status('22008')).toBe(422);
    expect(await status('22007')).toBe(422);
    expect(await status('22003')).toBe(422);
    expect(await status('22P02')).toBe(400);
    expect(await status('22021')).toBe(400);
    await app.close();
  });
});

describe('a malformed session cookie is no session', () => {
  it('answers every route as if there were no cookie', async () => {
    for (const cookie of ['renova_session=%', 'renova_session=%E0%A4%A', 'renova_session=garbage; other=1']) {
      expect((await t.app.inject({ url: '/api/v1/health', headers: { cookie } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
  });
});

describe('X-Forwarded-For is believed only from configured proxies', () => {
  async function failedLogins(app: TestApp, username: string, forwardedFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor(i) },
        payload: { username, password: 'wrong-password' },
      });
      statuses.push(res.statusCode);
    }
    const { rows } = await app.ctx.database.pool.query<{ ip: string }>(
      `select ip from audit_log where action = 'login.failed' and actor_username = $1 order by id`,
      [username],
    );
    return { statuses, ips: rows.map((r) => r.ip) };
  }
  const account = (app: TestApp, username: string) =>
    upsertAccount(app.ctx.db, {
      username,
      displayName: username,
      password: 'Right@2026',
      role: 'community_worker',
      scopeDivision: '330105004001',
    });

  it('by default a forged header neither escapes the per-address limit nor reaches the audit log', async () => {
    const app = await testApp({ LOGIN_RATE_PER_MINUTE: '3', LOGIN_MAX_FAILURES: '100' });
    try {
      await account(app, 'xff-default');
      const { statuses, ips } = await failedLogins(app, 'xff-default', (i) => `203.0.113.${i + 1}`);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(ips).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    } finally {
      await app.close();
    }
  });

  it('with TRUST_PROXY naming the proxy, its header names the client', async () => {
    const app = await testApp({ LOGIN_RATE_PER_MINUTE: '3', LOGIN_MAX_FAILURES: '100', TRUST_PROXY: '127.0.0.1' });
    try {
      await account(app, 'xff-proxy');
      const { statuses, ips } = await failedLogins(app, 'xff-proxy', (i) => `203.0.113.${i + 1}`);
      expect(statuses).toEqual([401, 401, 401, 401]);
      expect(ips).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']);
      // The same proxy's X-Forwarded-Host is the site a cookie write must come from.
      const login = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'hemu', password: 'Demo@2026' },
      });
      const cookie = `renova_session=${login.json().token}`;
      const put = (origin: string) =>
        app.app.inject({
          method: 'PUT',
          url: '/api/v1/auth/me/locale',
          headers: { cookie, origin, 'x-forwarded-host': 'renova.example.cn', 'x-forwarded-proto': 'https' },
          payload: { locale: 'zh-CN' },
        });
      expect((await put('https://renova.example.cn')).statusCode).toBe(204);
      expect((await put('http://localhost')).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('security headers', () => {
  const expectHeaders = (res: Reply) => {
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    return csp;
  };

  it('are on answers, problems, pages and the API docs; HSTS only in production', async () => {
    expect(expectHeaders(await t.app.inject({ url: '/api/v1/health' }))).toMatch(/script-src 'self'(;|$)/);
    expectHeaders(await t.app.inject({ url: '/api/v1/nowhere' }));
    expectHeaders(await t.call('GET', '/api/v1/prices?at=2026-13-45', 'admin'));
    expectHeaders(await t.app.inject({ url: '/api/v1/auth/me' }));
    const page = await t.app.inject({ url: '/' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expectHeaders(page);
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(expectHeaders(docs)).toMatch(/script-src 'self'(;|$)/);
    expect((await t.app.inject({ url: '/api/v1/health' })).headers['strict-transport-security']).toBeUndefined();

    const { app } = await buildApp({ logger: createLogger('silent'), authenticate: async () => null, production: true });
    app.get('/x', { config: { permission: 'public' } }, async () => ({ ok: true }));
    expect((await app.inject({ url: '/x' })).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    await app.close();
  });
});

describe('cookie-authenticated writes come from this site', () => {
  let cookie: string;
  let bearer: string;
  beforeAll(async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gongshu', password: 'Demo@2026' },
    });
    cookie = `renova_session=${login.json().token}`;
    bearer = `Bearer ${login.json().token}`;
  });
  const put = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/me/locale',
      headers: { host: 'renova.example.cn', ...headers },
      payload: { locale: 'zh-CN' },
    });

  it('refuses another origin with 403, and a Referer of another site when Origin is missing', async () => {
    const cross = await put({ cookie, origin: 'https://evil.example' });
    expect(cross.statusCode).toBe(403);
    expect(cross.headers['content-type']).toMatch(/problem\+json/);
    // Refused by the auth hook, before the harness's English default applies: it reads in the default, Chinese.
    expect(cross.json()).toMatchObject({
      code: 'request.origin_refused',
      detail: expect.stringMatching(/"https:\/\/evil\.example".*Bearer/s),
    });
    expect((await put({ cookie, origin: 'null' })).statusCode).toBe(403);
    expect((await put({ cookie, referer: 'https://evil.example/page' })).statusCode).toBe(403);
    // A forged X-Forwarded-Host is not believed without TRUST_PROXY.
    expect((await put({ cookie, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' })).statusCode).toBe(403);
  });

  it('lets the same site through, reads pass, and bearer tokens are not affected', async () => {
    expect((await put({ cookie, origin: 'http://renova.example.cn' })).statusCode).toBe(204);
    expect((await put({ cookie, referer: 'http://renova.example.cn/m/ballots' })).statusCode).toBe(204);
    expect((await put({ authorization: bearer, origin: 'https://evil.example' })).statusCode).toBe(204);
    const read = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie, host: 'renova.example.cn', origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
  });
});

describe('.xlsx imports', () => {
  it('refuse a zip bomb within the upload limit (1 MB unpacking to a GiB) with 413, in under a second', async () => {
    const bomb = zip({
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      // One cell whose text is a GiB of letters: about 1 MB compressed.
      'xl/worksheets/sheet1.xml': deflateBomb(
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>',
        'A',
        2 ** 30,
        '</t></is></c></row></sheetData></worksheet>',
      ),
    });
    expect(bomb.length).toBeLessThan(1.5 * 2 ** 20);
    const started = performance.now();
    const res = await t.upload('/api/v1/imports/households', 'hemu', {}, { name: 'households.xlsx', data: bomb });
    expect(performance.now() - started).toBeLessThan(1000);
    expectProblem(res, 413, 'file');
  });
});
