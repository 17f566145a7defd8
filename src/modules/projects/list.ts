// The project list (issue 16, item 4): filtered by division (district, subdistrict, community), sorted by any of its
// columns on the server (validated `sort` and `order`, keyset pages on the sort key and the id), with the total that
// matches the filters, and each project's district, subdistricts and compounds by name, so two projects of the same
// name can be told apart.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { scopeSql } from './projects.service.ts';
import { planVersions, projectCompounds, projects } from './schema.ts';
import { stages } from './stages.ts';

export const projectSorts = ['name', 'year', 'stage', 'compoundCount', 'floorAreaM2', 'households'] as const;
export type ProjectSort = (typeof projectSorts)[number];

export const projectFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/)
    .optional(),
  stage: z.enum(stages).optional(),
  compoundId: z.uuid().optional().describe("only the projects that renovate this compound (the compound page's links)"),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(projectSorts).optional().describe('the column to sort by (default: year, newest first, then name)'),
  order: z.enum(['asc', 'desc']).optional().describe('with sort: ascending (default) or descending'),
});

const projectIdRef = sql`"projects"."id"`;
const compoundCount = sql<number>`(select count(*)::int from ${projectCompounds} pc where pc.project_id = ${projectIdRef})`;
const stageRank = sql`array_position(${sql.raw(`array[${stages.map((s) => `'${s}'`).join(',')}]::text[]`)}, ${projects.stage}::text)`;

/** Each sort's expression and how a cursor's key is cast back to its type. */
const sortBy: Record<ProjectSort, { expr: SQL; cast: string }> = {
  name: { expr: sql`${projects.name}`, cast: 'text' },
  year: { expr: sql`${projects.year}`, cast: 'int' },
  stage: { expr: stageRank, cast: 'int' },
  compoundCount: { expr: compoundCount, cast: 'int' },
  floorAreaM2: { expr: sql`${projects.floorAreaM2}`, cast: 'numeric' },
  households: { expr: sql`${projects.households}`, cast: 'int' },
};

const defaultCursor = z.tuple([z.number(), z.string(), z.string().uuid()]);
const sortedCursor = z.tuple([z.union([z.string(), z.number()]), z.string().uuid()]);

export async function listProjects(
  ctx: AppContext,
  user: AuthUser,
  f: z.infer<typeof projectFilters> & { limit: number; cursor?: string },
) {
  const parts: SQL[] = [scopeSql(user)];
  if (f.year) parts.push(eq(projects.year, f.year));
  if (f.stage) parts.push(eq(projects.stage, f.stage));
  if (f.compoundId)
    parts.push(
      sql`exists (select 1 from ${projectCompounds} pc where pc.project_id = ${projectIdRef} and pc.compound_id = ${f.compoundId})`,
    );
  if (f.division)
    parts.push(sql`exists (select 1 from unnest(${projects.communityCodes}) c where c like ${`${divisionPrefix(f.division)}%`})`);
  if (f.q) parts.push(sql`${projects.name} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const filtered = and(...parts);

  const keyed = [...parts];
  let orderBy: SQL[];
  let keyOf: (r: { year: number; name: string; id: string; sortKey: string | number }) => (string | number)[];
  if (f.sort) {
    const { expr, cast } = sortBy[f.sort];
    const after = decodeCursor(f.cursor, sortedCursor);
    const dir = f.order === 'desc' ? desc : asc;
    if (after) {
      const op = sql.raw(f.order === 'desc' ? '<' : '>');
      keyed.push(sql`(${expr}, ${projects.id}) ${op} (${String(after[0])}::${sql.raw(cast)}, ${after[1]}::uuid)`);
    }
    orderBy = [dir(expr), dir(projects.id)];
    keyOf = (r) => [r.sortKey, r.id];
  } else {
    const after = decodeCursor(f.cursor, defaultCursor);
    if (after) keyed.push(sql`(-${projects.year}, ${projects.name}, ${projects.id}) > (${-after[0]}, ${after[1]}, ${after[2]}::uuid)`);
    orderBy = [desc(projects.year), asc(projects.name), asc(projects.id)];
    keyOf = (r) => [r.year, r.name, r.id];
  }
  const sortKey = f.sort ? sortBy[f.sort].expr : sql`${projects.year}`;
  const [rows, [count]] = await Promise.all([
    ctx.db
      .select({
        id: projects.id,
        name: projects.name,
        year: projects.year,
        stage: projects.stage,
        districtCode: projects.districtCode,
        subdistrictCodes: projects.subdistrictCodes,
        floorAreaM2: projects.floorAreaM2,
        households: projects.households,
        futureCommunity: projects.futureCommunity,
        compoundCount,
        compoundNames: sql<
          string[]
        >`(select coalesce(array_agg(pc.name order by pc.name), '{}') from ${projectCompounds} pc where pc.project_id = ${projectIdRef})`,
        planTotalFen: sql<
          string | null
        >`(select pv.total_fen from ${planVersions} pv where pv.project_id = ${projectIdRef} order by pv.version desc limit 1)`,
        sortKey: sql<string | number>`(${sortKey})::text`,
      })
      .from(projects)
      .where(and(...keyed))
      .orderBy(...orderBy)
      .limit(f.limit + 1),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(filtered),
  ]);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  const names = await registry.divisionNames(ctx.db, [...new Set(items.flatMap((r) => [r.districtCode, ...r.subdistrictCodes]))]);
  return {
    items: items.map(({ sortKey: _key, subdistrictCodes, ...r }) => ({
      ...r,
      districtName: names.get(r.districtCode) ?? r.districtCode,
      subdistricts: subdistrictCodes.map((code) => ({ code, name: names.get(code) ?? code })),
      cluster: r.compoundCount > 1,
      planTotalFen: r.planTotalFen === null ? null : Number(r.planTotalFen),
    })),
    nextCursor: more ? encodeCursor(keyOf(items[items.length - 1]!)) : null,
    total: count!.n,
  };
}
