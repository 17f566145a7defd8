// What goes out to which platform, and what a platform's reported status means for our event: plain rules.
import type { ExchangeKind } from './schema.ts';

export interface ConnectorRule {
  code: string;
  enabled: boolean;
  kinds: readonly string[];
  categories: readonly string[];
}

export interface Outgoing {
  kind: ExchangeKind;
  category: string;
  /** The event's level after the change (escalations go out only when they reach the city). */
  level: string;
  /** The platform the event came from, if any. */
  platform: string | null;
  /** The event was escalated to this connector's platform before. */
  escalatedToIt: boolean;
}

const categoryMatches = (c: ConnectorRule, category: string) => c.categories.length === 0 || c.categories.includes(category);

/**
 * A platform gets the kinds and categories it subscribed to, never the creation or hand-over of an event it reported,
 * and always the status changes of events it reported or we handed to it (status flows back both ways).
 */
export function shouldSend(c: ConnectorRule, m: Outgoing): boolean {
  if (!c.enabled) return false;
  const ours = m.platform === c.code;
  switch (m.kind) {
    case 'escalated':
      return !ours && m.level === 'city' && c.kinds.includes('escalated') && categoryMatches(c, m.category);
    case 'created':
      return !ours && c.kinds.includes('created') && categoryMatches(c, m.category);
    case 'transitioned':
      return ours || m.escalatedToIt || (c.kinds.includes('transitioned') && categoryMatches(c, m.category));
  }
}

/** The platform's progress words we understand, and the state each asks of our event. */
export const platformStatuses = ['accepted', 'handled', 'reviewed', 'closed'] as const;
export type PlatformStatus = (typeof platformStatuses)[number];

export type DeliveryOutcome = 'delivered' | 'retrying' | 'parked';

/** After an attempt: delivered on 2xx, else retried until the job's last try (a replay has exactly one). */
export function outcomeOf(ok: boolean, retryCount: number, retryLimit: number): DeliveryOutcome {
  if (ok) return 'delivered';
  return retryCount >= retryLimit ? 'parked' : 'retrying';
}
