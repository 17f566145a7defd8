// The kinds of work package, the department that owns each, and whether it
// opens the ground; and the precedence a city starts from (it edits its own).
// Plain data, the vocabulary of coordination, not policy thresholds.

export const coordinationDepartments = [
  'housing',
  'city_management',
  'police',
  'fire',
  'civil_affairs',
  'power',
  'water',
  'gas',
  'telecom',
] as const;
export type CoordinationDepartment = (typeof coordinationDepartments)[number];

export const workKinds = {
  water: { department: 'water', opensGround: true },
  drainage: { department: 'city_management', opensGround: true },
  gas: { department: 'gas', opensGround: true },
  power: { department: 'power', opensGround: true },
  telecom: { department: 'telecom', opensGround: true },
  roads: { department: 'housing', opensGround: true },
  greening: { department: 'city_management', opensGround: true },
  lift_shaft: { department: 'housing', opensGround: true },
  facade: { department: 'housing', opensGround: false },
  painting: { department: 'housing', opensGround: false },
  fire: { department: 'fire', opensGround: false },
  police_security: { department: 'police', opensGround: false },
  civil_affairs: { department: 'civil_affairs', opensGround: false },
} as const satisfies Record<string, { department: CoordinationDepartment; opensGround: boolean }>;
export type WorkKind = keyof typeof workKinds;
export const workKindNames = Object.keys(workKinds) as WorkKind[];

/** Pipes and cables under the lanes: laid before the road is resurfaced, and before a lift shaft moves them. */
const underground: WorkKind[] = ['water', 'drainage', 'gas', 'power', 'telecom'];

/** The rules a city starts from: every underground pipe before roads; drainage before gas in the same trench; facade before painting; lift shaft after pipeline relocation. */
export const defaultPrecedence: { before: WorkKind; after: WorkKind; lagDays: number; note: string }[] = [
  ...underground.map((k) => ({
    before: k,
    after: 'roads' as WorkKind,
    lagDays: 0,
    note: '地下管线先于道路修复 / pipes before road resurfacing',
  })),
  { before: 'drainage', after: 'gas', lagDays: 0, note: '同沟先排水后燃气 / drainage before gas in the same trench' },
  { before: 'facade', after: 'painting', lagDays: 0, note: '先立面后粉刷 / facade before painting' },
  ...underground.map((k) => ({
    before: k,
    after: 'lift_shaft' as WorkKind,
    lagDays: 0,
    note: '管线迁改后再建电梯井 / lift shaft after pipeline relocation',
  })),
];
