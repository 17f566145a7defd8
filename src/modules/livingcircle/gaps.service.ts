// The circle of one compound as staff read it, and the gaps summed per division with the households affected: the
// sums read this module's kept rows (one indexed GROUP BY), recomputing the division first when a rule version or
// the registry's compounds moved on since the rows were kept.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound, unprocessable } from '../../platform/http/problem.ts';
import { compoundInScope, divisionLevelOf, registry, within } from '../registry/index.ts';
import { circleOfPlace, circleRules, recomputeDivision, rulesTag } from './circle.service.ts';
import type { CircleRules } from './reach.ts';
import { circleMessages as m } from './messages.ts';
import { needs, type Need } from './needs.ts';

/** GET /compounds/{id}/circle: the rules used and, per need, what is reached, the nearest and the gap. */
export async function compoundCircle(ctx: AppContext, user: AuthUser, compoundId: string) {
  const place = (await registry.circlePlaces(ctx.db, { ids: [compoundId] }))[0];
  const known = place ?? (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!known || !compoundInScope(user.scope, { id: compoundId, communityCode: known.communityCode }))
    throw notFound(m.msg('circle.compound.entity', { id: compoundId }));
  // A compound without a point on the map reaches nothing that can be measured: every need is a gap.
  if (!place) {
    const rules = await circleRules(ctx.db);
    return { rules: rules.versions, needs: needs.map((need) => ({ need, reached: [], nearestM: null, gap: true })) };
  }
  const { rules, needs: reach } = await circleOfPlace(ctx.db, place);
  return { rules: rules.versions, needs: reach };
}

const levelColumn = { city: 'city_code', district: 'district_code', subdistrict: 'subdistrict_code', community: 'community_code' } as const;
const childOf = { city: 'district', district: 'subdistrict', subdistrict: 'community', community: 'compound' } as const;
type Level = keyof typeof levelColumn;

export interface GapSum {
  compounds: number;
  compoundsWithGaps: number;
  households: number;
  householdsAffected: number;
  needs: { need: Need; compoundsWithGap: number; householdsAffected: number }[];
}

/** Recomputes the division when its kept rows are stale (another rule version) or miss compounds the registry has. */
export async function ensureFresh(db: Db | Tx, division: string): Promise<CircleRules> {
  const level = divisionLevelOf(division) as Level;
  const rules = await circleRules(db);
  const tag = rulesTag(rules);
  const places = await registry.circlePlaceCount(db, { division });
  const res = await db.execute<{ fresh: number; stale: number }>(sql`
    select count(*) filter (where rules = ${tag})::int as fresh, count(*) filter (where rules <> ${tag})::int as stale
    from circle_compound_needs where ${sql.raw(levelColumn[level])} = ${division}`);
  const r = res.rows[0]!;
  // A row per compound and need: a compound added since, or one whose rows a single need's update began, is missing some.
  if (r.stale > 0 || r.fresh !== places * needs.length) await recomputeDivision(db, division);
  return rules;
}

/** The gaps of a division (default: the account's own) and of each division (or compound) under it. */
export async function gapSums(ctx: AppContext, user: AuthUser, division?: string) {
  const code = division ?? user.scope.division ?? '';
  const level = divisionLevelOf(code);
  if (!level || level === 'province' || !user.scope.division || !within(code, user.scope.division))
    throw unprocessable(m.msg('circle.division_invalid'), [{ path: 'query.division', message: m.msg('field.division') }]);
  const rules = await ensureFresh(ctx.db, code);
  const col = sql.raw(levelColumn[level]);
  const child = childOf[level];
  const childCol = sql.raw(child === 'compound' ? 'compound_id::text' : levelColumn[child]);
  const res = await ctx.db.execute<{ code: string; need: Need; compounds: number; gaps: number; households: number; affected: number }>(sql`
    select ${childCol} as code, need, count(*)::int as compounds, count(*) filter (where gap)::int as gaps,
      coalesce(sum(households), 0)::int as households, coalesce(sum(households) filter (where gap), 0)::int as affected
    from circle_compound_needs where ${col} = ${code} group by 1, 2`);
  const any = await ctx.db.execute<{ code: string; compounds: number; gaps: number; households: number; affected: number }>(sql`
    select code, count(*)::int as compounds, count(*) filter (where g)::int as gaps, coalesce(sum(h), 0)::int as households,
      coalesce(sum(h) filter (where g), 0)::int as affected
    from (select ${childCol} as code, compound_id, bool_or(gap) as g, max(households) as h
          from circle_compound_needs where ${col} = ${code} group by 1, 2) c group by 1`);
  const names =
    child === 'compound'
      ? new Map((await registry.circlePlaces(ctx.db, { division: code })).map((p) => [p.compoundId, p.name]))
      : new Map((await registry.childDivisions(ctx.db, code)).map((d) => [d.code, d.name]));
  const sumOf = (rows: typeof any.rows, byNeed: typeof res.rows): GapSum => ({
    compounds: rows.reduce((s, r) => s + r.compounds, 0),
    compoundsWithGaps: rows.reduce((s, r) => s + r.gaps, 0),
    households: rows.reduce((s, r) => s + r.households, 0),
    householdsAffected: rows.reduce((s, r) => s + r.affected, 0),
    needs: needs.map((need) => {
      const of = byNeed.filter((r) => r.need === need);
      return { need, compoundsWithGap: of.reduce((s, r) => s + r.gaps, 0), householdsAffected: of.reduce((s, r) => s + r.affected, 0) };
    }),
  });
  const children = any.rows
    .map((r) => ({
      code: r.code,
      name: names.get(r.code) ?? r.code,
      ...sumOf(
        [r],
        res.rows.filter((x) => x.code === r.code),
      ),
    }))
    .sort((a, b) => b.householdsAffected - a.householdsAffected || a.code.localeCompare(b.code));
  return { division: code, level, childLevel: child, rules: rules.versions, total: sumOf(any.rows, res.rows), children };
}
