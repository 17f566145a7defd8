// What each role may do (DESIGN.md §5). Where a role may act is its data scope.
import type { Role } from './schema.ts';

export const permissions = {
  'registry.read': 'Read divisions, compounds, buildings and households',
  'registry.write': 'Create and change compounds and households',
  'registry.import': 'Import compounds and households from spreadsheets',
  'registry.export': 'Export lists to spreadsheets',
  'personal.read': "Read residents' full names, phone and ID numbers (audited)",
  'residents.bind': 'Bind residents to households after checking the title deed',
  'accounts.manage': 'Create accounts and assign roles and scopes',
  'audit.read': "Read the audit log (the city's administrator only: it is not scoped to a division)",
  'jobs.read': 'Follow background jobs',
  'policy.publish': 'Publish new versions of policy rules',
  'catalogue.publish': 'Publish catalogue versions and price lists',
  'projects.read': 'Read renovation projects, plans and funding',
  'projects.write': 'Create projects and edit their plans and funding lines',
  'projects.advance': 'Move a project to its next stage',
  'plan.approve': "Record the residents' approval of a plan",
  'funding.disburse': 'Record disbursements and amendments',
  'ballots.manage': 'Open and close ballots, and reconcile paper sheets',
  'ballots.enter_paper': 'Key paper ballot sheets (each sheet twice, by two people)',
  'surveys.manage': 'Open and close surveys of a project',
  'surveys.enter': 'Enter paper survey forms and record households that refuse',
  'governance.manage': "Record a compound's governance after renovation: party organisation, owners' committee, property service, rules",
  'companies.register': 'Register property companies and suspend them',
  'packages.write': "Add and change work packages (a department liaison: their own department's only)",
  'schedules.run': 'Make and re-plan the joint timetable of the departments’ works',
  'coordination.configure': "Edit the city's precedence rules, department crews and blackout periods",
  'plan.review': "Record a department's review of the annual plan (housing, development and reform, finance)",
  'evaluation.manage': 'Engage third-party institutions, file their reports and findings, and run the selection of exemplary cases',
  'findings.close': "Close an evaluation finding with a note (the responsible office's own findings only)",
  'assessment.enter': "Enter the annual district assessment's assessor scores, satisfaction counts and bonus points, with evidence",
  'assessment.publish': "Publish a year's district assessment (it never changes afterwards)",
  'sample.answer': "Enter the answers of the households drawn for a sample survey (the outside agency's evaluator)",
  'devices.read': 'Read devices, their status and their events',
  'devices.manage': 'Register and import devices, and issue, rotate and revoke their credentials',
  'alarms.read': "Read alarms and watch the duty console of one's own level",
  'alarms.handle': 'Acknowledge, assign and clear alarms',
  'keyperson.read': 'Read watch-list alerts (public security only; every read audited)',
  'workorders.read': 'Read work orders',
  'workorders.manage': 'Raise work orders and assign them',
  'workorders.handle': 'Take work orders, complete them with a photo and a note, and record call-backs',
  'grid.read': 'Read grids and grid events (a grid worker: their own grids’)',
  'grid.report': 'Report grid events and upload their photos',
  'grid.handle': 'Accept, handle, self-resolve and escalate grid events, and add photos',
  'grid.review': 'Review handled grid events, review closure, decide disputes, and merge duplicates',
  'grid.manage': 'Draw grids, set the buildings they cover and their grid workers',
  'grid.patrol': 'Check in on patrol in one’s own grids',
  'exchange.manage': "Configure the city platforms' connectors and their secrets, read deliveries and replay them",
  'open311.keys': "Issue, list and revoke Open311 partners' API keys (the city's administrator)",
  'services.read': 'Read home care service providers, orders and the matching figures (a provider: the orders of the compounds it serves)',
  'services.manage': 'Register service providers, their offerings, slots and qualifications; dispatch orders by hand; follow up complaints',
  'services.order': 'Order a home care service for an elder (代下单)',
  'services.provide': "Answer service offers, check in and out, and keep one's own provider's slots (a service provider)",
  'care.read': "Read older residents' care profiles, masked",
  'care.manage': "Keep older residents' care profiles and link their family members",
  'passage.manage': "Register visitors at the gate, read a compound's visitor passes and vehicles, push lists to gates and barriers",
  'parking.manage': 'Keep parking spaces, sessions, monthly passes and payments of a compound',
  'subsidies.read': 'Read property-service subsidies: eligible compounds, applications and totals',
  'subsidies.apply': "Apply for a compound's monthly property-service subsidy (the subdistrict)",
  'subsidies.approve': 'Approve or reject property-service subsidy applications (the district)',
  'spaces.read': 'Read the register of public spaces, their grants to operators and what operators delivered',
  'spaces.manage': 'Register public spaces, grant them to operators, and record reliefs and what operators delivered',
  'repairs.read': "Read residents' property repair requests (物业报修) with their steps",
  'repairs.assign': 'Assign property repair requests to property staff (派单)',
  'repairs.handle': 'Take property repair requests (抢单), complete them with photos, and record the follow-up call',
  'notices.publish': 'Publish notices to a compound, its buildings or groups of its residents, and read their receipts',
  'canteen.manage': "Keep community canteens' menus and diners' records, and read the day's bookings",
  'commerce.manage': 'List shops and offers near the compounds',
  'screens.manage': "Make and replace the link of a compound's lobby information screen",
  'circle.read': 'Read the living circle: facilities, what each compound reaches and the gaps',
  'facilities.manage': 'Add and import facilities of the living circle',
  'spaceresources.manage':
    'Register space resources (scattered land, existing rooms, state-owned idle rooms), allocate them and mark them in use',
  'spaceresources.convert': 'Record what a space resource was converted into (a facility of the living circle)',
} as const;
export type Permission = keyof typeof permissions;

const staff: Permission[] = ['registry.read', 'registry.export', 'jobs.read', 'projects.read'];
const implementers: Permission[] = [
  ...staff,
  'registry.write',
  'registry.import',
  'personal.read',
  'residents.bind',
  // audit.read is the city administrator's alone: the log is city-wide, not scoped to a division (issue 16, item 8).
  'projects.write',
  'projects.advance',
  'plan.approve',
  'ballots.manage',
  'ballots.enter_paper',
  'surveys.manage',
  'surveys.enter',
  'governance.manage',
  'packages.write',
  'schedules.run',
  'findings.close',
];

// Watch-list alerts belong to public security alone: not even the city's administrator reads them.
const restricted: Permission[] = ['keyperson.read'];
const duty: Permission[] = ['devices.read', 'alarms.read', 'alarms.handle', 'workorders.read', 'workorders.manage'];
// Grid governance (R23): staff of the community and above report, handle, review and draw grids in their division.
const gridStaff: Permission[] = ['grid.read', 'grid.report', 'grid.handle', 'grid.review', 'grid.manage'];
// Home care services (R22): the community keeps care profiles, registers providers, orders for elders and dispatches.
const servicesStaff: Permission[] = ['services.read', 'services.manage', 'services.order', 'care.read', 'care.manage'];
// Market participation (R16): the subdistrict applies for subsidies, the district approves; staff keep the space register.
const market: Permission[] = ['subsidies.read', 'spaces.read', 'spaces.manage'];
// Property repairs (物业维护): the property company's staff assign, take and finish them in their compounds; the
// community and those above it follow them.
const repairStaff: Permission[] = ['repairs.read', 'repairs.assign', 'repairs.handle'];
// Community services (issue 14): the community's staff and those above keep canteens, notices, shops and screens.
const communityStaff: Permission[] = ['notices.publish', 'canteen.manage', 'commerce.manage', 'screens.manage'];
// Passage and parking (issue 14): the property company keeps them, the community and subdistrict staff too.
const passageStaff: Permission[] = ['passage.manage', 'parking.manage'];
// The 15-minute living circle (issue 15): staff of the community and above keep facilities and read the gaps.
const circleStaff: Permission[] = ['circle.read', 'facilities.manage'];
// Space resources (issue 15): the subdistrict and the district (and the city) register, allocate and convert them.
const spaceResourceStaff: Permission[] = ['spaceresources.manage', 'spaceresources.convert'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  city_admin: (Object.keys(permissions) as Permission[]).filter((p) => !restricted.includes(p)),
  district_officer: [
    ...circleStaff,
    ...spaceResourceStaff,
    ...implementers,
    ...duty,
    ...gridStaff,
    ...communityStaff,
    ...market,
    'funding.disburse',
    'companies.register',
    'evaluation.manage',
    'services.read',
    'care.read',
    'subsidies.approve',
    'repairs.read',
  ],
  subdistrict_officer: [
    ...circleStaff,
    ...spaceResourceStaff,
    ...implementers,
    ...duty,
    ...gridStaff,
    ...servicesStaff,
    ...communityStaff,
    ...market,
    ...passageStaff,
    'devices.manage',
    'workorders.handle',
    'subsidies.apply',
    'repairs.read',
  ],
  community_worker: [
    ...circleStaff,
    ...staff,
    ...duty,
    ...gridStaff,
    ...servicesStaff,
    ...communityStaff,
    ...market,
    ...passageStaff,
    'registry.write',
    'registry.import',
    'personal.read',
    'residents.bind',
    'ballots.enter_paper',
    'surveys.enter',
    'repairs.read',
  ],
  department_liaison: [...staff, 'packages.write', 'plan.review'],
  contractor: ['registry.read', 'projects.read', 'devices.read', 'workorders.read', 'workorders.handle'],
  evaluator: [...staff, 'evaluation.manage', 'assessment.enter', 'sample.answer'],
  property_manager: [
    'registry.read',
    'jobs.read',
    'projects.read',
    ...duty,
    'devices.manage',
    'workorders.handle',
    'grid.read',
    'grid.report',
    'grid.handle',
    ...repairStaff,
    ...passageStaff,
    // Property staff publish notices to their compounds and look after the lobby screens.
    'notices.publish',
    'screens.manage',
  ],
  // Scoped to the compounds its provider serves (services' provider_compounds), not its account's division.
  service_provider: ['registry.read', 'services.read', 'services.provide'],
  public_security: ['registry.read', 'devices.read', 'alarms.read', 'alarms.handle', 'keyperson.read'],
  resident: [],
  // Scoped to their grids (grid_workers), not their division: they see their grids' events and their own reports.
  grid_worker: ['registry.read', 'grid.read', 'grid.report', 'grid.handle', 'grid.patrol'],
};

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(permissions, name);
}

// Routes name permissions by these keys, checked by the compiler (see PermissionNames in platform/http/auth.ts).
declare module '../../platform/http/auth.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends Record<keyof typeof permissions, true> {}
}
