// The order's and the complaint's lifecycles as plain tables: what may follow what.
import type { ComplaintStatus, OrderStatus } from './schema.ts';

export type OrderAction = 'offer' | 'accept' | 'decline' | 'check_in' | 'check_out' | 'cancel' | 'no_show' | 'rate' | 'complain';

const from: Record<OrderAction, readonly OrderStatus[]> = {
  offer: ['requested', 'offered', 'unmatched'],
  accept: ['offered'],
  decline: ['offered'],
  check_in: ['accepted'],
  check_out: ['in_service'],
  cancel: ['requested', 'offered', 'accepted', 'unmatched'],
  no_show: ['accepted'],
  rate: ['completed'],
  complain: ['accepted', 'in_service', 'completed', 'no_show'],
};

export const mayOrder = (status: OrderStatus, action: OrderAction): boolean => from[action].includes(status);

/** Which actions an order in `status` allows (for the views: what a button may offer). */
export const orderActions = (status: OrderStatus): OrderAction[] => (Object.keys(from) as OrderAction[]).filter((a) => mayOrder(status, a));

/** Open orders still wait for something; the rest ended one way or another. */
export const isOpen = (status: OrderStatus): boolean => ['requested', 'offered', 'accepted', 'in_service'].includes(status);

const complaintNext: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['handling', 'resolved', 'closed'],
  handling: ['resolved', 'closed'],
  resolved: ['handling', 'closed'],
  closed: [],
};

export const complaintMay = (fromStatus: ComplaintStatus, to: ComplaintStatus): boolean => complaintNext[fromStatus].includes(to);
export const complaintAllowed = (status: ComplaintStatus): readonly ComplaintStatus[] => complaintNext[status];

/** The order's human reference: FW (服务) + the year of its creation + a six-digit number. */
export const orderRef = (seq: number, createdAt: Date): string =>
  `FW${new Date(createdAt.getTime() + 8 * 3_600_000).getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
