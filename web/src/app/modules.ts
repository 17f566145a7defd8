// Every web module that adds pages or menu entries. The router and the shell's side menu are collected from
// this one list, as the server collects its manifests in src/apps/modules.ts. A module's manifest is its
// module.tsx, imported here directly rather than through its index.ts: the index re-exports components and
// queries that lazy pages share, and importing it from the entry would pull them all into the first load.
import { accountsModule } from '../modules/accounts/module.tsx';
import { catalogueModule } from '../modules/catalogue/module.tsx';
import { coordinationModule } from '../modules/coordination/module.tsx';
import { evaluationModule } from '../modules/evaluation/module.tsx';
import { governanceModule } from '../modules/governance/module.tsx';
import { gridModule } from '../modules/grid/module.tsx';
import { participationModule } from '../modules/participation/module.tsx';
import { policyModule } from '../modules/policy/module.tsx';
import { projectsModule } from '../modules/projects/module.tsx';
import { registryModule } from '../modules/registry/module.tsx';
import { residentModule } from '../modules/resident/module.tsx';
import { smartModule } from '../modules/smart/module.tsx';
import { statsModule } from '../modules/stats/module.tsx';
import { yearplanModule } from '../modules/yearplan/module.tsx';
import { workOrdersModule } from '../modules/workorders/module.tsx';
import { exchangeModule } from '../modules/exchange/module.tsx';
import { open311Module } from '../modules/open311/module.tsx';
import { auditModule } from '../modules/audit/module.tsx';
import { marketModule } from '../modules/market/module.tsx';
import { repairsModule } from '../modules/repairs/module.tsx';
import { communityModule } from '../modules/community/module.tsx';
import { passageDeskModule } from '../modules/passage/module.tsx';
import { parkingDeskModule } from '../modules/parking/module.tsx';
import { servicesModule } from '../modules/services/module.tsx';
import { livingCircleModule } from '../modules/livingcircle/module.tsx';
import { homeModule } from '../modules/home/module.tsx';
import type { MenuEntry, WebModule } from './webModule.tsx';

export const webModules: readonly WebModule[] = [
  accountsModule,
  residentModule,
  participationModule,
  statsModule,
  registryModule,
  projectsModule,
  evaluationModule,
  catalogueModule,
  yearplanModule,
  policyModule,
  governanceModule,
  coordinationModule,
  smartModule,
  workOrdersModule,
  exchangeModule,
  open311Module,
  auditModule,
  gridModule,
  marketModule,
  repairsModule,
  communityModule,
  passageDeskModule,
  parkingDeskModule,
  servicesModule,
  livingCircleModule,
  homeModule,
];

/** The side menu, every module's entries in their declared order. */
export const menuEntries: readonly MenuEntry[] = webModules.flatMap((m) => m.menu ?? []).sort((a, b) => a.order - b.order);
