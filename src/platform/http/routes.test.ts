// Every route of the API declares the permission it needs; the OpenAPI
// document is valid 3.1 and lists every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../../modules/accounts/index.ts';
import { testApp, type TestApp } from '../testing/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json');

describe('route table', () => {
  it('has a permission on every API route, and only known ones', () => {
    expect(apiRoutes().length).toBeGreaterThan(10);
    const missing = apiRoutes()
      .filter((r) => !r.permission)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const unknown = apiRoutes().filter(
      (r) => r.permission && !['public', 'authenticated'].includes(r.permission) && !isPermission(r.permission),
    );
    expect(unknown).toEqual([]);
  });

  // The web's client is generated from these schemas (scripts/gen-api.ts), so an answer without one is an answer
  // the web cannot type. A 204 declares `noContent`; a file download declares its media type (`fileResponse`).
  it('declares a response schema for every 2xx answer of every API route', () => {
    const lacking = apiRoutes()
      .filter((r) => {
        const ok = Object.entries(r.response ?? {}).filter(([status]) => /^2(\d\d|XX)$/.test(status));
        return ok.length === 0 || ok.some(([, schema]) => schema === undefined || schema === null);
      })
      .map((r) => `${String(r.method)} ${r.url}`);
    expect(lacking).toEqual([]);
  });

  it('describes every 2xx answer in the OpenAPI document: JSON by its schema, a file by its media type, a 204 by nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = res.json<{
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    }>();
    const bare: string[] = [];
    for (const [url, item] of Object.entries(doc.paths)) {
      if (!url.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(item)) {
        const ok = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
        if (ok.length === 0 || ok.some(([status, r]) => status !== '204' && Object.keys(r.content ?? {}).length === 0))
          bare.push(`${method} ${url}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('denies a signed-out caller everything but the public routes', async () => {
    for (const r of apiRoutes().filter((x) => x.permission !== 'public')) {
      const method = (Array.isArray(r.method) ? r.method[0] : r.method) as 'GET';
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000').replace('/:kind', '/compounds');
      const res = await t.app.inject({ method, url });
      expect.soft(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('OpenAPI', () => {
  it('is OpenAPI 3.1 and lists every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of apiRoutes()) {
      const openapiPath = r.url.replace(/:(\w+)/g, '{$1}');
      const methods = (Array.isArray(r.method) ? r.method : [r.method]).map((m) => m.toLowerCase());
      for (const m of methods) expect.soft(doc.paths[openapiPath]?.[m], `${m} ${openapiPath}`).toBeDefined();
    }
  });

  it('serves a docs UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });

  it('answers unknown API routes with problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
