// Anchored ballot chains in the web: the published receipts with the close from the anchor log, the public
// check of a receipt or of the notice's head, and the verification URL the notice's QR code carries.
import { api, type ResponseOf } from '../../api/client.ts';

/** The published receipts with the close from the anchor log, as the public notice prints them. */
export type Notice = ResponseOf<'/api/v1/ballots/{id}/receipts'>;
export type AnchorLine = NonNullable<Notice['anchor']>;
export type ReceiptCheck = ResponseOf<'/api/v1/ballots/{id}/receipts/{receipt}'>;
export type AnchorCheck = ResponseOf<'/api/v1/ballots/{id}/anchor'>;
export type NoticeBallot = ResponseOf<'/api/v1/ballots/{id}'>;

const held = (head?: string | null, signature?: string | null) => ({
  ...(head ? { head } : {}),
  ...(signature ? { signature } : {}),
});

export const fetchNoticeBallot = (id: string) => api.get('/api/v1/ballots/{id}', { params: { id } });

export const fetchNotice = (id: string) => api.get('/api/v1/ballots/{id}/receipts', { params: { id } });

export const checkReceipt = (id: string, receipt: string, head?: string | null, signature?: string | null) =>
  api.get('/api/v1/ballots/{id}/receipts/{receipt}', { params: { id, receipt }, query: held(head, signature), allowUnauthorized: true });

export const checkAnchor = (id: string, head?: string | null, signature?: string | null) =>
  api.get('/api/v1/ballots/{id}/anchor', { params: { id }, query: held(head, signature), allowUnauthorized: true });

/** The public check page: a receipt's, when given, else the notice's close head. */
export function checkUrl(
  origin: string,
  ballotId: string,
  p: { receipt?: string | null; head?: string | null; signature?: string | null },
) {
  const q = new URLSearchParams();
  if (p.receipt) q.set('receipt', p.receipt);
  if (p.head) q.set('head', p.head);
  if (p.signature) q.set('sig', p.signature);
  return `${origin}/verify/ballots/${encodeURIComponent(ballotId)}?${q.toString()}`;
}
