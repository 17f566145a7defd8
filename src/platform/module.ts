// What a module declares about itself, in one place: its routes, the kinds of
// background work it runs, the domain events it handles, the work it runs by
// the clock, and the stage gates it contributes to projects. The server, the worker and the tests collect these lists; no
// module registers anything by being imported.
import type { AppContext } from './context.ts';
import type { EventHandler } from './events.ts';
import type { ZodApp } from './http/app.ts';
import type { JobKind } from './queue.ts';

export interface ModuleManifest {
  name: string;
  routes?: ((app: ZodApp, ctx: AppContext) => Promise<void>)[];
  // Payload types differ per kind and handler; each is checked where it is defined.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs?: JobKind<any, AppContext>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers?: EventHandler<AppContext, any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  schedules?: { kind: JobKind<any, AppContext>; cron: string }[];
  /** Run once when a worker process starts (after its queues), e.g. to bring files an outside service reads up to date. */
  onWorkerStart?: ((ctx: AppContext) => Promise<void>)[];
  /** Stage gates over facts this module owns (the projects module's Gate; the server installs them there). */
  gates?: readonly StageGate[];
  /** Where a baseline survey found needs, by indicator code (participation provides it to projects' plans). */
  needsSource?: (ctx: AppContext, projectId: string) => Promise<Set<string>>;
}

/** The platform's view of a projects Gate: enough to collect them without knowing projects' types. */
export interface StageGate {
  stage: string;
  code: string;
}

export const defineModule = (m: ModuleManifest): ModuleManifest => m;
