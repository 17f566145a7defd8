// The demo's cluster (片区): the best suggestion of the demo subdistrict (else its district) accepted by the
// subdistrict's demo account through the same service a person uses, so it is a project with exactly those
// compounds, and its future-community checklist partly ticked. The places come from the registry of the city pack,
// so every city seeds its own; a city whose demo compounds have no neighbours seeds no cluster.
import { cityPack } from '../../platform/city.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { accountByUsername, rolePermissions } from '../accounts/index.ts';
import { PLAN_YEAR } from '../projects/index.ts';
import { registry } from '../registry/index.ts';
import { clusterRules, placesWithGaps, acceptCluster, setChecklistItem, SCENARIOS_RULE } from './clusters.service.ts';
import { suggestClusters } from './clusters.ts';
import { clusters } from './schema.ts';
import { ruleAt } from '../../platform/policy.ts';

/** How many scenarios of the checklist the demo ticks (the first ones of the rule's list), with the note shown. */
const TICKED = 3;
const NOTE = '已纳入片区改造方案（演示）';

export async function seedCluster(tx: Tx): Promise<string | null> {
  if ((await tx.select({ id: clusters.id }).from(clusters).limit(1)).length) return null; // seeded once
  const { subdistrict, district } = cityPack().demo;
  const rules = await clusterRules(tx);
  // The subdistrict's officer accepts a cluster of its own compounds; one reaching further is the district's.
  for (const [username, division] of [
    ['hemu', subdistrict.code],
    ['gongshu', district.code],
  ] as const) {
    const best = suggestClusters(await placesWithGaps(tx, await registry.circlePlaces(tx, { division })), rules)[0];
    const account = best && (await accountByUsername(tx, username));
    if (!best || !account) continue;
    const user: AuthUser = {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      permissions: new Set(rolePermissions[account.role]),
      scope: { division, compoundIds: [] },
      locale: 'zh-CN',
      residentId: null,
      department: null,
    };
    return accept(
      tx,
      user,
      best.places.map((p) => p.compoundId),
    );
  }
  return null;
}

async function accept(tx: Tx, user: AuthUser, compoundIds: string[]): Promise<string> {
  const actor = { id: user.id, username: user.username };
  // The services open their own transactions: on this one they are savepoints, all within the seed's.
  const ctx = { db: tx as unknown as Db } as AppContext;
  const accepted = await acceptCluster(ctx, user, actor, {
    compoundIds,
    year: PLAN_YEAR,
    futureCommunity: true,
  });
  const { scenarios } = (await ruleAt<{ scenarios: { code: string }[] }>(tx, SCENARIOS_RULE)).value;
  for (const s of scenarios.slice(0, TICKED)) await setChecklistItem(ctx, user, actor, accepted.id, s.code, { done: true, note: NOTE });
  return accepted.id;
}
