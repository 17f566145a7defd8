// Every module of the product, in the order their routes are registered. The server, the worker and the test
// harness collect routes, job kinds, event handlers and schedules from this one list.
import { platformManifest } from '../platform/maintenance.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { manifest as accounts } from '../modules/accounts/index.ts';
import { manifest as approvals } from '../modules/approvals/index.ts';
import { manifest as catalogue } from '../modules/catalogue/index.ts';
import { manifest as coordination } from '../modules/coordination/index.ts';
import { manifest as evaluation } from '../modules/evaluation/index.ts';
import { manifest as funding } from '../modules/funding/index.ts';
import { manifest as governance } from '../modules/governance/index.ts';
import { manifest as participation } from '../modules/participation/index.ts';
import { manifest as projects } from '../modules/projects/index.ts';
import { manifest as registry } from '../modules/registry/index.ts';
import { manifest as smart } from '../modules/smart/index.ts';
import { manifest as stats } from '../modules/stats/index.ts';
import { manifest as workorders } from '../modules/workorders/index.ts';
import { manifest as grid } from '../modules/grid/index.ts';
import { manifest as exchange } from '../modules/exchange/index.ts';
import { manifest as open311 } from '../modules/open311/index.ts';
import { manifest as services } from '../modules/services/index.ts';
import { manifest as passage } from '../modules/passage/index.ts';
import { manifest as parking } from '../modules/parking/index.ts';
import { manifest as market } from '../modules/market/index.ts';
import { manifest as repairs } from '../modules/repairs/index.ts';
import { manifest as community } from '../modules/community/index.ts';
import { manifest as livingcircle } from '../modules/livingcircle/index.ts';
import { manifest as home } from '../modules/home/index.ts';

export const modules: readonly ModuleManifest[] = [
  platformManifest,
  accounts,
  registry,
  catalogue,
  projects,
  funding,
  approvals,
  participation,
  governance,
  coordination,
  stats,
  evaluation,
  smart,
  workorders,
  grid,
  exchange,
  open311,
  services,
  passage,
  parking,
  market,
  repairs,
  community,
  livingcircle,
  home,
];
