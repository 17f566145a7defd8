// Issue 16, item 8: a full read of a resident's personal data says why, the reason lands in the audit log, and the
// city's administrator reads the log (filtered, paged, in words, personal values masked); nobody else does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionWords, entityWords } from './audit-words.ts';
import { maskValues } from './audit-log.ts';
import { testApp, type TestApp } from './testing/harness.ts';

let t: TestApp;
let residentId: string;
const q = encodeURIComponent;

type Entry = {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  actionWords: string;
  entityWords: string;
  entityId: string | null;
  subject: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
};
type Page = { items: Entry[]; nextCursor: string | null };

beforeAll(async () => {
  t = await testApp();
  const compound = (await t.call('GET', '/api/v1/compounds?limit=1', 'hemu-worker')).json().items[0];
  const household = (await t.call('GET', `/api/v1/compounds/${compound.id}/households?limit=1`, 'hemu-worker')).json().items[0];
  const bound = await t.call('POST', `/api/v1/households/${household.id}/residents`, 'hemu-worker', {
    name: '诸葛明月',
    phone: '13912345678',
    idNumber: '11010519491231002X',
  });
  expect(bound.statusCode, bound.body).toBe(201);
  residentId = bound.json().residentId;
});
afterAll(() => t.close());

const personal = (reason?: string, who = 'hemu-worker') =>
  t.call('GET', `/api/v1/residents/${residentId}/personal${reason === undefined ? '' : `?reason=${q(reason)}`}`, who);

describe('a full read of personal data', () => {
  it('is refused without a reason of 2 to 200 characters, naming the field, and records nothing', async () => {
    for (const reason of [undefined, '', ' x ', 'x'.repeat(201)]) {
      const res = await personal(reason);
      expect(res.statusCode, String(reason)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('querystring.reason');
      expect(res.body).not.toContain('诸葛明月');
    }
    const { rows } = await t.ctx.database.pool.query(`select 1 from audit_log where action = 'personal.read' and entity_id = $1`, [
      residentId,
    ]);
    expect(rows).toEqual([]);
  });

  it('keeps the reason and the masked name in the audit entry, never the values', async () => {
    const res = await personal('核实身份：上门登记');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('诸葛明月');
    const { rows } = await t.ctx.database.pool.query(
      `select actor_username, detail from audit_log where action = 'personal.read' and entity_id = $1`,
      [residentId],
    );
    expect(rows).toEqual([
      { actor_username: 'hemu-worker', detail: expect.objectContaining({ reason: '核实身份：上门登记', subject: '诸***' }) },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/诸葛明月|13912345678|11010519491231002X/);
  });
});

describe('GET /api/v1/audit', () => {
  it('is for the city administrator only', async () => {
    for (const who of ['hemu', 'hemu-worker', 'evaluator', 'power']) {
      const res = await t.call('GET', '/api/v1/audit', who);
      expect(res.statusCode, who).toBe(403);
    }
    expect((await t.call('GET', '/api/v1/audit', 'admin')).statusCode).toBe(200);
  });

  it('filters by actor, action and record, shows the read in words with its reason, masked', async () => {
    await personal('紧急联系', 'hemu-worker-2');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?action=personal.read&subject=${residentId}&actor=hemu-worker-2`,
      headers: { ...(await t.as('admin')), 'accept-language': 'zh-CN' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<Page>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: 'hemu-worker-2',
      action: 'personal.read',
      actionWords: '查看个人完整信息',
      entityWords: '居民',
      entityId: residentId,
      subject: '诸***',
      reason: '紧急联系',
    });
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?action=personal.read&subject=${residentId}`,
      headers: { ...(await t.as('admin')), 'accept-language': 'en' },
    });
    expect(en.json<Page>().items.map((e) => e.actionWords)).toEqual(['Read personal data in full', 'Read personal data in full']);
    // The binding recorded the household change, in words; nothing in the whole log shows the values whole.
    const all = await t.call('GET', '/api/v1/audit?limit=500', 'admin');
    expect(all.body).not.toMatch(/诸葛明月|13912345678|11010519491231002X/);
  });

  it('filters by time and pages newest first without repeats', async () => {
    const before = new Date().toISOString();
    for (const reason of ['上门服务', '核实身份', '紧急联系']) expect((await personal(reason)).statusCode).toBe(200);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit?action=personal.read&from=${q(before)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.call('GET', url, 'admin');
      expect(res.statusCode, res.body).toBe(200);
      const p: Page = res.json();
      expect(p.items.length).toBeLessThanOrEqual(2);
      seen.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.reason)).toEqual(['紧急联系', '核实身份', '上门服务']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(3);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await t.call('GET', `/api/v1/audit?from=${q(future)}`, 'admin')).json().items).toEqual([]);
    const upTo = await t.call('GET', `/api/v1/audit?action=personal.read&to=${q(before)}`, 'admin');
    expect(upTo.json<Page>().items.map((e) => e.reason)).not.toContain('上门服务');
    const bad = await t.call('GET', '/api/v1/audit?from=yesterday', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.from');
  });
});

describe('audit words', () => {
  it('reads codes as words and never shows an unknown code', () => {
    expect(actionWords('services.order.check_in', 'zh-CN')).toBe('居家服务·订单·签到');
    expect(actionWords('services.order.check_in', 'en')).toBe('services · order · check in');
    expect(actionWords('something.new', 'zh-CN')).toBe('其他操作');
    expect(entityWords('care_profile', 'zh-CN')).toBe('照护档案');
  });

  it('masks phone and ID numbers wherever they hide in an entry', () => {
    expect(maskValues({ note: '电话13912345678', ids: ['11010519491231002X'], n: 3 })).toEqual({
      note: '电话139****5678',
      ids: ['1101**********002X'],
      n: 3,
    });
  });
});
