// The duty console's shapes. The alarm item follows the contract (GET /api/v1/alarms); the names and
// the escalation level are read when the list carries them, else looked up from the devices and compounds.
export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALARM_STATUSES = ['active', 'acknowledged', 'cleared'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export type EscalationLevel = 'compound' | 'community' | 'subdistrict';
export type ConsoleLevel = EscalationLevel | 'city';

export interface AlarmPerson {
  id: string;
  displayName: string;
}

export interface Alarm {
  id: string;
  deviceId: string;
  compoundId: string;
  type: string;
  severity: Severity;
  status: AlarmStatus;
  count: number;
  firstAt: string;
  lastAt: string;
  assignee: AlarmPerson | null;
  level?: EscalationLevel | null;
  deviceName?: string | null;
  /** The community the compound lies in: tells a live alarm's place without another call. */
  communityCode?: string;
  /** Names in the request's language, when the server words them. */
  typeName?: string;
  compoundName?: string | null;
  location?: string | null;
  acknowledgedAt?: string | null;
  clearedAt?: string | null;
  clearNote?: string | null;
}

export interface AlarmStep {
  at: string;
  action: string;
  level?: EscalationLevel | null;
  note?: string | null;
  actor?: AlarmPerson | null;
}

export interface DeviceItem {
  id: string;
  name: string;
  profile: string;
  compoundId: string;
  buildingId?: string | null;
  location?: string | null;
  status: 'online' | 'offline' | 'never';
  lastSeenAt: string | null;
}

/** Where the console looks: the account's own scope (nothing chosen), a division below it, or one compound. */
export interface DutyScope {
  division?: string;
  compoundId?: string;
}
