// The electorate the ballot benchmarks vote in. The demo city's 和睦 community
// (the two demo community workers' scope) has ~700 households, fewer than the
// issue's 2,000-household ballot, so new households are first imported into
// its compounds through the registry's own import (importFile, as the city
// admin would upload a .csv), then the 和睦 officer puts those compounds in a
// project through the API. Every later step goes through the real services.
import type { AppContext } from '../../src/platform/context.ts';
import { authUserByUsername } from '../../src/modules/accounts/index.ts';
import { importFile } from '../../src/modules/registry/index.ts';
import { log } from './run.ts';

export const HEMU_COMMUNITY = '330105004001';
const HEADERS = ['社区代码', '小区名称', '楼栋', '单元', '房号', '建筑面积', '产权证号'];

/** POSTs JSON as a signed-in account and answers the parsed body; throws unless the status is `expect`. */
export async function postJson<T>(url: string, token: string, body: unknown, expect = 201): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`POST ${url}: HTTP ${res.status} (expected ${expect}) ${text}`);
  return JSON.parse(text) as T;
}

async function householdCount(ctx: AppContext, compoundIds: string[]): Promise<number> {
  const { rows } = await ctx.database.pool.query<{ n: number }>(
    'select count(*)::int as n from households where compound_id = any($1::uuid[])',
    [compoundIds],
  );
  return rows[0]!.n;
}

/**
 * Tops the community's compounds up to exactly `target` households with an
 * import of new ones (buildings named "P<n>幢", apart from the seed's "1幢", …);
 * answers the compound ids.
 */
export async function growCommunity(ctx: AppContext, target: number): Promise<string[]> {
  const { rows: compounds } = await ctx.database.pool.query<{ id: string; name: string }>(
    'select id, name from compounds where community_code = $1 order by name',
    [HEMU_COMMUNITY],
  );
  const ids = compounds.map((c) => c.id);
  const missing = target - (await householdCount(ctx, ids));
  if (missing < 0) throw new Error(`community ${HEMU_COMMUNITY} already has more than ${target} households`);
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < missing; i++) {
    const c = compounds[i % compounds.length]!;
    const k = Math.floor(i / compounds.length); // the k-th new household of this compound
    const room = `${Math.floor((k % 12) / 2) + 1}0${(k % 2) + 1}`;
    lines.push(
      [
        HEMU_COMMUNITY,
        c.name,
        `P${Math.floor(k / 24) + 1}幢`,
        `${Math.floor((k % 24) / 12) + 1}单元`,
        room,
        '68.50',
        `杭房权证P${i}号`,
      ].join(','),
    );
  }
  if (missing > 0) {
    const admin = await authUserByUsername(ctx, 'admin');
    const outcome = await importFile(
      ctx,
      admin,
      { id: admin.id, username: admin.username },
      'households',
      'bench-electorate.csv',
      Buffer.from(lines.join('\r\n') + '\r\n'),
      {
        background: false,
      },
    );
    if (outcome.status !== 200 || outcome.result.created !== missing) throw new Error(`household import: ${JSON.stringify(outcome)}`);
  }
  const total = await householdCount(ctx, ids);
  if (total !== target) throw new Error(`community ${HEMU_COMMUNITY} has ${total} households, not ${target}`);
  log(`electorate: imported ${missing} households; ${compounds.length} compounds of ${HEMU_COMMUNITY} now hold ${total}`);
  return ids;
}

/** A project over the compounds, created by the 和睦 officer through the API. */
export async function createProject(url: string, officerToken: string, name: string, compoundIds: string[]): Promise<string> {
  const project = await postJson<{ id: string }>(`${url}/api/v1/projects`, officerToken, { name, year: 2021, compoundIds });
  return project.id;
}
