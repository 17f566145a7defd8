// The passage desk's words for a pass's state and a plate's kind.
import type { TFunction } from 'i18next';
import type { StaffVisitorPass } from './api.ts';

export const PASS_COLOR: Record<StaffVisitorPass['status'], string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'default',
  revoked: 'red',
  used: 'blue',
};

/** The state people read: an approved pass whose window has ended reads as expired. */
export function passState(p: Pick<StaffVisitorPass, 'status' | 'validUntil'>, now = Date.now()): StaffVisitorPass['status'] | 'expired' {
  return (p.status === 'approved' || p.status === 'pending') && Date.parse(p.validUntil) <= now ? 'expired' : p.status;
}

export const passStateName = (t: TFunction, s: ReturnType<typeof passState>) => t(`passageDesk.status.${s}`);
export const canRevoke = (p: Pick<StaffVisitorPass, 'status' | 'validUntil'>) => {
  const s = passState(p);
  return s === 'pending' || s === 'approved';
};
