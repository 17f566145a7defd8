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
