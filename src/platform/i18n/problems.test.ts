// Problems over HTTP: a stable code (also the end of `type`), words in the request's language
// (Accept-Language, then the account's locale, then zh-CN), and field messages in that language too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/harness.ts';
import { expectNoRawObjects } from '../testing/no-raw-objects.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const CJK = /[\u4e00-\u9fff]/;

describe('problems by code, in the request language', () => {
  it('answers in Chinese by default and in English when asked, with the same code', async () => {
    const zh = await t.app.inject({ url: '/api/v1/auth/me', headers: { 'accept-language': '*' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({
      code: 'auth.unauthorized',
      type: 'https://renova.dev/problems/auth.unauthorized',
      title: '请先登录',
      detail: '请先登录。',
    });
    const en = await t.app.inject({ url: '/api/v1/auth/me', headers: { 'accept-language': 'fr;q=0.9, en;q=0.8, zh;q=0.1' } });
    expect(en.json()).toMatchObject({ code: 'auth.unauthorized', title: 'Unauthorized', detail: 'Sign in first.' });
  });

  it("falls back to the account's locale when the header names no language of ours", async () => {
    const headers = await t.as('hemu');
    const missing = '/api/v1/projects/00000000-0000-7000-8000-000000000000';
    expect((await t.app.inject({ url: missing, headers: { ...headers, 'accept-language': 'fr' } })).json()).toMatchObject({
      code: 'not_found',
      detail: '项目 00000000-0000-7000-8000-000000000000不存在。',
    });
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'en' } });
    expect(set.statusCode).toBe(204);
    const en = await t.app.inject({ url: missing, headers: { ...headers, 'accept-language': 'fr' } });
    expect(en.json()).toMatchObject({ code: 'not_found', detail: 'Project 00000000-0000-7000-8000-000000000000 does not exist.' });
    // The header still wins over the account.
    expect((await t.app.inject({ url: missing, headers: { ...headers, 'accept-language': 'zh-CN' } })).json().detail).toMatch(CJK);
    await t.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'zh-CN' } });
  });

  it('puts validation field messages into Chinese, naming each field', async () => {
    const headers = { ...(await t.as('hemu')), 'accept-language': 'zh-CN' };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers,
      payload: { name: 7, year: 'soon', compoundIds: [] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.validation');
    expect(body.type).toBe('https://renova.dev/problems/request.validation');
    expect(body.title).toBe('请求有误');
    expect(body.detail).toMatch(/^请求内容有误：/);
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.year']));
    for (const e of body.errors) {
      expect(e.message).toMatch(CJK);
      expect(e.code).toMatch(/^field\./);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...headers, 'accept-language': 'en' },
      payload: { name: 7 },
    });
    expect(en.json().errors[0].message).toMatch(/^Invalid input/);
    expectNoRawObjects(body);
  });

  it('names an unknown route in Chinese', async () => {
    const res = await t.app.inject({ url: '/api/v1/nowhere', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'request.no_route',
      title: '不存在',
      detail: '没有 GET /api/v1/nowhere 这个接口。',
    });
  });

  it('explains a gate that is not met in Chinese, with what would satisfy it', async () => {
    const headers = { ...(await t.as('hemu')), 'accept-language': 'zh-CN' };
    const compounds = (await t.app.inject({ url: '/api/v1/compounds?limit=1', headers })).json().items as { id: string }[];
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers,
      payload: { name: '门槛', year: 2024, compoundIds: [compounds[0]!.id] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const skip = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${id}/transitions`, headers, payload: { to: 'designed' } });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: 'project.stage_order', detail: '处于“列入计划”阶段的项目只能进入“摸底调查”阶段。' });
    expect(skip.json().unmetGates[0]).toEqual({
      code: 'stage_order',
      message: '“方案设计”不在“列入计划”之后',
      satisfy: '请先进入“摸底调查”阶段',
    });
    await t.ctx.database.pool.query(`update projects set stage = 'consented' where id = $1`, [id]);
    const noPlan = await t.app.inject({ method: 'POST', url: `/api/v1/projects/${id}/transitions`, headers, payload: { to: 'designed' } });
    expect(noPlan.json()).toMatchObject({ code: 'gate.unmet', title: '阶段条件未满足' });
    expect(noPlan.json().unmetGates).toEqual([
      expect.objectContaining({
        code: 'plan_drafted',
        message: '尚未编制改造方案。',
        satisfy: expect.stringMatching(/^按指标目录编制方案/),
      }),
    ]);
    const view = await t.app.inject({ url: `/api/v1/projects/${id}`, headers });
    expect(view.json().gates.find((g: { code: string }) => g.code === 'plan_drafted').message).toBe('尚未编制改造方案。');
  });
});

describe('policy rules in words', () => {
  it('names each rule, its value and unit in the request language, and cites its source in Chinese', async () => {
    const headers = { ...(await t.as('hemu')), 'accept-language': 'zh-CN' };
    const items = (await t.app.inject({ url: '/api/v1/policy-rules', headers })).json().items as Record<string, unknown>[];
    const byKey = new Map(items.map((r) => [r.key as string, r]));
    expect(byKey.get('consent.renovation.threshold')).toMatchObject({
      name: '居民同意改造率',
      valueText: '有表决权户数的 2/3（约 66.67%）',
      value: { numerator: 2, denominator: 3, base: 'eligible_households' },
    });
    expect(byKey.get('funding.subsidy_cap_per_m2')).toMatchObject({ valueText: '400', unit: 'yuan/m2', unitText: '元/平方米' });
    expect(byKey.get('funding.resident_channels')!.valueText).toBe('住宅专项维修资金；小区公共收益；个人捐资');
    for (const r of items) {
      expect(r.source).not.toMatch(/seed|illustrative/);
      expect(r.source).toMatch(CJK);
      expect(r.valueText).not.toMatch(/[{}[\]"]/);
    }
    const en = (
      await t.app.inject({ url: '/api/v1/policy-rules?key=funding.resident_share_max', headers: { ...headers, 'accept-language': 'en' } })
    ).json().items[0];
    expect(en).toMatchObject({ name: 'Residents’ share of the cost, at most', valueText: '10%', unitText: 'of the renovation cost' });
  });

  it('brings a corrected citation of a published version into an existing database', async () => {
    const { loadShippedRules, listRules } = await import('../policy.ts');
    await t.ctx.database.pool.query(
      `update policy_rules set source = 'seed §二.1' where key = 'funding.subsidy_cap_per_m2' and version = '2021.1'`,
    );
    await t.ctx.db.transaction((tx) => loadShippedRules(tx));
    const [rule] = await listRules(t.ctx.db, 'funding.subsidy_cap_per_m2');
    expect(rule!.source).toMatch(/^住房和城乡建设部建筑杂志社《杭州市/);
    expect(rule!.value).toBe(400);
  });
});
