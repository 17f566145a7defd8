// Registry shapes as the API returns them (see DESIGN §4: areas are decimal strings).
export type DivisionLevel = 'province' | 'city' | 'district' | 'subdistrict' | 'community';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string | null;
  childCount?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CompoundSummary {
  id: string;
  name: string;
  communityCode: string;
  divisionPath: string[];
  address: string;
  yearBuilt: number;
  floorAreaM2: string;
  households: number;
  eligible: boolean;
}

export interface Unit {
  id: string;
  name: string;
  households: number;
}

export interface Building {
  id: string;
  name: string;
  units: Unit[];
}

export interface CompoundDetail extends CompoundSummary {
  householdsRegistered?: number;
  divisionNames: string[];
  longitude: string | null;
  latitude: string | null;
  floorAreaM2: string;
  buildingsCount: number;
  propertyMode: string;
  buildings: Building[];
}

export type ResidentStatus = 'pending' | 'verified' | 'rejected';

export interface MaskedResident {
  id: string;
  name: string;
  phone: string | null;
  relation: string;
  status: ResidentStatus | string;
}

export interface Household {
  id: string;
  building: string;
  unit: string;
  room: string;
  floorAreaM2: string;
  deedRef: string | null;
  residents: MaskedResident[];
}

export interface ResidentPersonal {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  /** Demo data is fake and marked so. */
  fake?: boolean;
}

export interface CompoundFilters {
  division?: string;
  q?: string;
  yearFrom?: number;
  yearTo?: number;
  eligible?: boolean;
}

export type ImportKind = 'compounds' | 'households';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  [key: string]: unknown;
}

export interface ImportRowError {
  line?: number;
  column?: string;
  message: string;
  path?: string;
}

export interface Job {
  id?: string;
  jobId?: string;
  kind?: string;
  status: string;
  progressDone?: number | null;
  progressTotal?: number | null;
  result?: ImportCounts | null;
  error?: { title?: string; detail?: string; message?: string; errors?: ImportRowError[] } | string | null;
}
