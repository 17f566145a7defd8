// Which change a work order's state allows: plain data, tested without a database.
import type { WorkOrderStatus } from './schema.ts';

export type WorkOrderMove = 'assign' | 'take' | 'start' | 'complete' | 'callback' | 'cancel';

const from: Record<WorkOrderMove, readonly WorkOrderStatus[]> = {
  // Re-assigning hands the order on before work starts; once started, the assignee finishes or a manager cancels.
  assign: ['open', 'assigned'],
  take: ['open'],
  start: ['assigned'],
  // Work small enough to do at once needs no separate start.
  complete: ['assigned', 'in_progress'],
  callback: ['open', 'assigned', 'in_progress'],
  cancel: ['open', 'assigned', 'in_progress'],
};

export const mayMove = (status: WorkOrderStatus, move: WorkOrderMove): boolean => from[move].includes(status);
