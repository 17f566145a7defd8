// The duty console's shapes, from the generated API contract (web/src/api/schema.gen.ts) where the API has them.
import type { ResponseOf } from '../../api/client.ts';

export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALARM_STATUSES = ['active', 'acknowledged', 'cleared'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export type EscalationLevel = 'compound' | 'community' | 'subdistrict';
export type ConsoleLevel = EscalationLevel | 'city';

export type Alarm = ResponseOf<'/api/v1/alarms'>['items'][number] & {
  /** Not in the list's shape: looked up from the registry by the console. */
  compoundName?: string;
};
export type AlarmPerson = NonNullable<Alarm['assignee']>;
export type AlarmDetail = ResponseOf<'/api/v1/alarms/{id}'>;
export type AlarmStep = AlarmDetail['steps'][number];

export type DeviceItem = ResponseOf<'/api/v1/devices'>['items'][number];
/** Offline, never heard from, or online: what the console shows of a device. */
export type DeviceState = 'offline' | 'never' | 'online';
export const deviceState = (d: Pick<DeviceItem, 'status' | 'neverSeen'>): DeviceState => (d.neverSeen ? 'never' : d.status);

/** Where the console looks: the account's own scope (nothing chosen), a division below it, or one compound. */
export interface DutyScope {
  division?: string;
  compoundId?: string;
}
