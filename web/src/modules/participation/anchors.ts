// Anchored ballot chains in the web: the published receipts with the close from the anchor log, the public
// check of a receipt or of the notice's head, and the verification URL the notice's QR code carries.
import { api } from '../../app/api.ts';

export interface AnchorLine {
  position: number;
  head: string;
  signature: string;
  keyId: string;
  at: string;
  lineHash: string;
}

export interface Notice {
  chainHead: string | null;
  anchor: AnchorLine | null;
  items: { receipt: string; channel: string; at: string }[];
}

export interface ReceiptCheck {
  ballotId: string;
  receipt: string;
  ballotStatus: 'open' | 'closed';
  position: number;
  head: string;
  signature: string | null;
  keyId: string | null;
  counted: boolean;
  castAt: string;
  signatureOk: boolean;
  ballotOk: boolean;
  forgedAt?: number;
  anchoredHead: string | null;
  valid: boolean;
  reasons: string[];
}

export interface AnchorCheck {
  ballotId: string;
  title: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  anchor: AnchorLine | null;
  signatureOk: boolean;
  ballotOk: boolean;
  forgedAt?: number;
  valid: boolean;
  reasons: string[];
}

const b = (id: string) => `/ballots/${encodeURIComponent(id)}`;
const held = (head?: string | null, signature?: string | null) => {
  const q = new URLSearchParams();
  if (head) q.set('head', head);
  if (signature) q.set('signature', signature);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface NoticeBallot {
  id: string;
  title: string;
  status: string;
  eligible: number;
  openedAt: string;
  closedAt: string | null;
}

export const fetchNoticeBallot = (id: string) => api<NoticeBallot>(b(id));

export const fetchNotice = (id: string) => api<Notice>(`${b(id)}/receipts`);

export const checkReceipt = (id: string, receipt: string, head?: string | null, signature?: string | null) =>
  api<ReceiptCheck>(`${b(id)}/receipts/${encodeURIComponent(receipt)}${held(head, signature)}`, { allowUnauthorized: true });

export const checkAnchor = (id: string, head?: string | null, signature?: string | null) =>
  api<AnchorCheck>(`${b(id)}/anchor${held(head, signature)}`, { allowUnauthorized: true });

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
