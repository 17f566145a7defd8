// What the resident's ordering page starts from: the elders they may order for, masked, and the catalogue.
import type { AppContext } from '../../platform/context.ts';
import type { Caller } from './access.ts';
import { ageBand, eldersOfResident } from './care.service.ts';
import { catalogueAt } from './rules.ts';

export async function myElders(ctx: AppContext, caller: Caller) {
  const [elders, catalogue] = await Promise.all([
    caller.residentId ? eldersOfResident(ctx, caller.residentId) : Promise.resolve([]),
    catalogueAt(ctx.db),
  ]);
  return {
    elders: elders.map((e) => ({
      profileId: e.profile.id,
      nameMasked: e.profile.nameMasked,
      gender: e.profile.gender,
      ageBand: ageBand(e.profile.birthYear),
      relation: e.relation,
      compoundName: e.compoundName,
    })),
    catalogue,
  };
}
