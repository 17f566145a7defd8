// Grid governance (R23): grids and grid workers, patrols, and the grid event from report to closure with its SLA.
// Other modules (the resident's side, Open311, the exchange with city platforms, the dashboard, alarm and work
// order sources) use only what is exported here.
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { GridActor } from './access.ts';
import * as actions from './events.actions.ts';
import * as events from './events.service.ts';
import type { CreatedGridEvent, NewGridEvent } from './events.service.ts';
import * as queries from './events.queries.ts';
import type { GridEventDetail, GridEventFilter, GridEventListItem } from './events.queries.ts';
import type { GridEventSource, GridEventState } from './schema.ts';

export type { GridEventSource, GridEventState, GridLevel, Responsible } from './schema.ts';
export { gridEventStates, gridLevels, gridEventSources, openStates, responsibleBodies } from './schema.ts';
export type { NewGridEvent, CreatedGridEvent, Duplicate } from './events.service.ts';
export type { GridEventDetail, GridEventStep, GridEventFilter, GridEventListItem } from './events.queries.ts';
export type { GridCategory, GridCategoryAttribute, CategorySet } from './categories.ts';
export type { GridActor } from './access.ts';
/** An account acting on grid events (a route's user); null is the system. */
export type Actor = GridActor;
export { actorKind, eventScope } from './access.ts';
export { allowedNext, eventRef, haversineM, isOverdue, nextLevel, type ActorKind } from './lifecycle.ts';
export { categoriesAt, slaAt, escalationAt, reopenDaysAt, CATEGORIES_RULE } from './categories.ts';
export { slaSweep, type SweepResult } from './sla.ts';
export { gridsOfWorker } from './grids.service.ts';
export { gridEventDetailSchema, gridEventSummarySchema, gridCategorySchema } from './events.schemas.ts';
export { seedGrids, GRID_DEMO_USERNAME } from './seed.ts';

/**
 * Reports a grid event (actor null: the system, naming the source). Idempotent by (source, platform, sourceRef):
 * the second time answers the first event with `created: false`. Runs in the caller's transaction with `tx`.
 */
export function createGridEvent(ctx: AppContext, input: NewGridEvent, actor: Actor | null, tx?: Tx): Promise<CreatedGridEvent> {
  return events.createGridEvent(ctx, input, actor, tx);
}

/** Moves an event; 409 problem `grid.transition_not_allowed` with `allowed: [...]` (the states the actor may move it to). */
export function transitionGridEvent(
  ctx: AppContext,
  id: string,
  to: GridEventState,
  actor: Actor | null,
  note?: string,
  tx?: Tx,
  where?: { lat: number; lng: number },
): Promise<GridEventDetail> {
  return events.transitionGridEvent(ctx, id, to, actor, note, tx, where);
}

/** Raises an event one level by hand (分级上报); 409 at the top or when closed. */
export function escalateGridEvent(ctx: AppContext, id: string, actor: Actor | null, note?: string, tx?: Tx): Promise<GridEventDetail> {
  return actions.escalateGridEvent(ctx, id, actor, note, tx);
}

/** One event without any personal data of the reporter (no scope check: the caller decides who may see it). */
export function getGridEvent(ctx: AppContext, id: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<GridEventDetail | null> {
  return queries.getGridEvent(ctx, id, locale);
}

export function findGridEventBySource(
  ctx: AppContext,
  source: GridEventSource,
  platform: string | null,
  sourceRef: string,
): Promise<string | null> {
  return queries.findGridEventBySource(ctx, source, platform, sourceRef);
}

/** Events newest first (by report time), each with its latest step's note; `after` is the id of the previous page's
 * last event. For Open311 and exports. */
export function listGridEvents(ctx: AppContext, f: GridEventFilter, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<GridEventListItem[]> {
  return queries.listGridEvents(ctx, f, locale);
}

export { gridCategories } from './categories.ts';
export { rateGridEvent, mergeGridEvents, linkWorkOrder } from './events.actions.ts';
export { uploadPendingPhoto, addEventPhoto, MAX_PHOTOS } from './photos.service.ts';
export { eventPhoto, listForActor, gridEventReporter } from './events.queries.ts';
export { getGridEventFor, suggestDuplicates } from './events.service.ts';

// The governance dashboard (dashboard.ts), and for the grid bench the duplicate suggestion reporting runs.
export { gridDashboard } from './dashboard.ts';
export { nearbyOpen } from './events.queries.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { gridEventRoutes } from './events.routes.ts';
import { gridRoutes } from './grids.routes.ts';
import { residentGridRoutes } from './resident.routes.ts';
import { gridSlaSweep, purgePendingPhotosJob } from './sla.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { alarmToGridEvent, closeWorkOrderOnClosure } from './sources.ts';
import { gridSourceRoutes } from './sources.routes.ts';
export const manifest = defineModule({
  name: 'grid',
  routes: [gridEventRoutes, gridRoutes, dashboardRoutes, residentGridRoutes, gridSourceRoutes],
  jobs: [],
  handlers: [alarmToGridEvent, closeWorkOrderOnClosure],
  schedules: [
    { kind: gridSlaSweep, cron: '* * * * *' },
    { kind: purgePendingPhotosJob, cron: '41 3 * * *' },
  ],
});
