// What the ingest hands to the alarm engine, and what comes back: the seam between transport
// (ingest/: broker, consumers, batches, the HTTP endpoint) and meaning (rules and alarms).
import type { Severity } from './schema.ts';

/** An accepted event, validated against its device's profile and stored once. */
export interface DeviceEvent {
  deviceId: string;
  compoundId: string;
  communityCode: string;
  profile: string;
  messageId: string;
  type: string;
  at: Date;
  receivedAt: Date;
  data: Record<string, unknown>;
}

/** An alarm raised, merged into (a repeat of its cause) or cleared: what the duty consoles are told. */
export interface AlarmChange {
  alarmId: string;
  deviceId: string;
  compoundId: string;
  communityCode: string;
  type: string;
  severity: Severity;
  change: 'raised' | 'repeated' | 'cleared';
}
