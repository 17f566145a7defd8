// Lookups other modules need to place things in a compound (the smart module's devices): a compound's
// buildings, and compounds named as people write them in a spreadsheet (community code or name + compound name).
import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { buildings } from './schema.ts';
import { compoundInScope } from './scope.ts';

/** The buildings of these compounds (no scope check: callers have checked the compounds). */
export async function buildingsOf(ctx: AppContext, compoundIds: string[]): Promise<{ id: string; compoundId: string; name: string }[]> {
  if (!compoundIds.length) return [];
  return ctx.db
    .select({ id: buildings.id, compoundId: buildings.compoundId, name: buildings.name })
    .from(buildings)
    .where(inArray(buildings.compoundId, compoundIds))
    .orderBy(buildings.name);
}

export interface CompoundRef {
  /** A compound's id, or a community (its 12-digit code or its name) with the compound's name. */
  id?: string;
  community?: string;
  name?: string;
}

/** The key of a reference in the map `compoundsByRef` answers. */
export const compoundRefKey = (r: CompoundRef) => (r.id ? `id\u0000${r.id}` : `n\u0000${r.community ?? ''}\u0000${r.name ?? ''}`);

/** The compounds these references name, inside the user's scope; a reference that names none (or several) is left out. */
export async function compoundsByRef(
  ctx: AppContext,
  user: AuthUser,
  refs: CompoundRef[],
): Promise<Map<string, { id: string; name: string; communityCode: string }>> {
  const ids = [...new Set(refs.flatMap((r) => (r.id && /^[0-9a-f-]{36}$/i.test(r.id) ? [r.id] : [])))];
  const named = [...new Map(refs.filter((r) => !r.id && r.community && r.name).map((r) => [compoundRefKey(r), r])).values()];
  const found = new Map<string, { id: string; name: string; communityCode: string }>();
  const visible = (c: { id: string; community_code: string }) => compoundInScope(user.scope, { id: c.id, communityCode: c.community_code });
  if (ids.length) {
    const res = await ctx.db.execute<{ id: string; name: string; community_code: string }>(
      sql`select id, name, community_code from compounds where id = any(${pgArray(ids)}::uuid[])`,
    );
    for (const c of res.rows) if (visible(c)) found.set(`id\u0000${c.id}`, { id: c.id, name: c.name, communityCode: c.community_code });
  }
  if (named.length) {
    const res = await ctx.db.execute<{ id: string; name: string; community_code: string; community: string }>(sql`
      select c.id, c.name, c.community_code, k.community
      from unnest(${pgArray(named.map((r) => r.community!))}::text[], ${pgArray(named.map((r) => r.name!))}::text[]) as k(community, name)
      join compounds c on c.name = k.name
      join divisions d on d.code = c.community_code and (d.code = k.community or d.name = k.community)`);
    const hits = new Map<string, { id: string; name: string; communityCode: string }[]>();
    for (const c of res.rows) {
      if (!visible(c)) continue;
      const key = `n\u0000${c.community}\u0000${c.name}`;
      hits.set(key, [...(hits.get(key) ?? []), { id: c.id, name: c.name, communityCode: c.community_code }]);
    }
    for (const [key, list] of hits) if (list.length === 1) found.set(key, list[0]!);
  }
  return found;
}
