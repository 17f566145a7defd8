// Gates: what must be true before a project enters a stage. The module that
// owns a fact contributes the gate (participation: survey coverage, ballots;
// approvals: minutes and documents; funding: a valid funding plan), so the
// projects module never reads another module's tables.
import type { AppContext } from '../../platform/context.ts';
import type { Words } from '../../platform/i18n/messages.ts';
import type { Stage } from './stages.ts';

export interface GateProject {
  id: string;
  year: number;
  stage: Stage;
  floorAreaM2: string;
  households: number;
}

export interface GateResult {
  code: string;
  /** The verdict in words (by code, put into the reader's language when the reply is written). */
  message: string | Words;
  satisfied: boolean;
  /** What would satisfy it, in words a subdistrict officer can act on. */
  satisfy: string | Words;
}

export interface Gate {
  /** The stage this gate guards the entry to. */
  stage: Stage;
  code: string;
  check(ctx: AppContext, project: GateProject): Promise<Omit<GateResult, 'code'>>;
}

const gates = new Map<string, Gate>();

/** A gate as its module declares it, listed in that module's manifest. */
export const defineGate = (gate: Gate): Gate => gate;

/** The server installs the gates of every module's manifest at start-up; installing a code again replaces it. */
export function installGates(list: readonly Gate[]): void {
  for (const gate of list) gates.set(gate.code, gate);
}

export async function evaluateGates(ctx: AppContext, project: GateProject, to: Stage): Promise<GateResult[]> {
  const relevant = [...gates.values()].filter((g) => g.stage === to);
  return Promise.all(relevant.map(async (g) => ({ code: g.code, ...(await g.check(ctx, project)) })));
}

/**
 * Where the baseline survey found a need (R13), by third-level indicator code.
 * The participation module supplies it; until then no needs are known.
 */
export type NeedsSource = (ctx: AppContext, projectId: string) => Promise<Set<string>>;
let needsSource: NeedsSource = async () => new Set();

/** The server installs the one a module's manifest provides (participation's baseline survey). */
export function installNeedsSource(source: NeedsSource): void {
  needsSource = source;
}

export function surveyedNeeds(ctx: AppContext, projectId: string): Promise<Set<string>> {
  return needsSource(ctx, projectId);
}
