// Work-order calls and their TanStack Query keys.
import { api, type ResponseAt } from '../../api/client.ts';

export type WorkOrder = ResponseAt<'/api/v1/work-orders/{id}', 'get', 200>;
export type WorkOrderSummary = ResponseAt<'/api/v1/work-orders', 'get', 200>['items'][number];
export type WorkOrderStatus = WorkOrderSummary['status'];
export type WorkOrderPriority = WorkOrderSummary['priority'];
export type CallbackOutcome = WorkOrder['callbacks'][number]['outcome'];
export type StepAction = WorkOrder['steps'][number]['action'];

export const statuses: WorkOrderStatus[] = ['open', 'assigned', 'in_progress', 'done', 'cancelled'];
export const priorities: WorkOrderPriority[] = ['urgent', 'high', 'normal', 'low'];
export const outcomes: CallbackOutcome[] = ['reached', 'not_reached', 'no_answer'];

export interface WorkOrderFilters {
  status?: WorkOrderStatus;
  mine?: boolean;
  sourceKind?: string;
}

export const workOrderKeys = {
  all: ['work-orders'] as const,
  list: (f: WorkOrderFilters) => ['work-orders', 'list', f] as const,
  one: (id: string) => ['work-orders', 'one', id] as const,
  assignees: (compoundId: string) => ['work-orders', 'assignees', compoundId] as const,
};

const params = (id: string) => ({ params: { id } });

export const fetchWorkOrders = (f: WorkOrderFilters, limit: number, cursor: string | null) =>
  api.get('/api/v1/work-orders', {
    query: { status: f.status, sourceKind: f.sourceKind, mine: f.mine ? 'true' : undefined, limit, cursor: cursor ?? undefined },
  });
export const fetchWorkOrder = (id: string) => api.get('/api/v1/work-orders/{id}', params(id));
export const fetchAssignees = (compoundId: string) => api.get('/api/v1/work-orders/assignees', { query: { compoundId } });

export interface NewWorkOrder {
  compoundId: string;
  title: string;
  description?: string;
  priority: WorkOrderPriority;
  dueAt?: string | null;
  assigneeId?: string | null;
  callbackRequired?: boolean;
}
export const createWorkOrder = (body: NewWorkOrder) => api.post('/api/v1/work-orders', { body });
export const assignWorkOrder = (id: string, assigneeId: string, dueAt?: string | null) =>
  api.post('/api/v1/work-orders/{id}/assign', { ...params(id), body: { assigneeId, dueAt } });
export const takeWorkOrder = (id: string) => api.post('/api/v1/work-orders/{id}/take', params(id));
export const startWorkOrder = (id: string) => api.post('/api/v1/work-orders/{id}/start', params(id));
export const cancelWorkOrder = (id: string, reason: string) =>
  api.post('/api/v1/work-orders/{id}/cancel', { ...params(id), body: { reason } });
export const recordCallback = (id: string, outcome: CallbackOutcome, note?: string) =>
  api.post('/api/v1/work-orders/{id}/callback', { ...params(id), body: { outcome, note: note || undefined } });

/** Multipart: the note, then the photo. */
export function completeWorkOrder(id: string, note: string, photo: File) {
  const form = new FormData();
  form.append('note', note);
  form.append('file', photo, photo.name);
  return api.post('/api/v1/work-orders/{id}/complete', { ...params(id), body: form });
}

export const photoUrl = (id: string) => `/api/v1/work-orders/${id}/photo`;
