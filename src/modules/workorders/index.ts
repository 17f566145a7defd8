// Work orders (R20, reused by the grid events of the next issue): generic field work from any source. Other modules
// raise orders through `createWorkOrder`; this module knows nothing of theirs.
export { createWorkOrder, type NewWorkOrder } from './workorders.service.ts';
export { getWorkOrder } from './workorders.queries.ts';
export { workOrderFigures, type WorkOrderFigures } from './figures.ts';
// For modules whose records carry work orders (smart's unhandled alarms, grid events): raise or find by source, read, close.
export {
  ensureWorkOrderForSource,
  workOrderState,
  workOrderOfSource,
  closeWorkOrderFromSource,
  callbackMissing,
  type SourceWorkOrder,
  type WorkOrderState,
} from './from-source.ts';
// For modules whose records are carried by a work order a person moves (repairs): the moves themselves.
export { assignWorkOrder, takeWorkOrder, startWorkOrder, completeWorkOrder, completeWorkOrderIn } from './workorders.service.ts';
export { workOrderRoutes, workOrderDetail, workOrderSummary } from './workorders.routes.ts';
export { workOrderStatuses, workOrderPriorities, callbackOutcomes, type WorkOrderStatus, type WorkOrderPriority } from './schema.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { workOrderRoutes as workOrderRoutes_ } from './workorders.routes.ts';
export const manifest = defineModule({
  name: 'workorders',
  routes: [workOrderRoutes_],
});
