// Every web module that adds pages or menu entries. The router and the shell's side menu are collected from
// this one list, as the server collects its manifests in src/apps/modules.ts.
import { accountsModule } from '../modules/accounts/index.ts';
import { catalogueModule } from '../modules/catalogue/index.ts';
import { coordinationModule } from '../modules/coordination/index.ts';
import { evaluationModule } from '../modules/evaluation/index.ts';
import { governanceModule } from '../modules/governance/index.ts';
import { policyModule } from '../modules/policy/index.ts';
import { projectsModule } from '../modules/projects/index.ts';
import { registryModule } from '../modules/registry/index.ts';
import { residentModule } from '../modules/resident/index.ts';
import { statsModule } from '../modules/stats/index.ts';
import { yearplanModule } from '../modules/yearplan/index.ts';
import type { MenuEntry, WebModule } from './webModule.tsx';

export const webModules: readonly WebModule[] = [
  accountsModule,
  residentModule,
  statsModule,
  registryModule,
  projectsModule,
  evaluationModule,
  catalogueModule,
  yearplanModule,
  policyModule,
  governanceModule,
  coordinationModule,
];

/** The side menu, every module's entries in their declared order. */
export const menuEntries: readonly MenuEntry[] = webModules.flatMap((m) => m.menu ?? []).sort((a, b) => a.order - b.order);
