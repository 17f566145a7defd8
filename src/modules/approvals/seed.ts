// Demo approvals: every seeded project past `consulted` has had its joint
// consultation; past `approved`, each step is simplified by a minute of it.
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { stages, type Stage } from '../projects/index.ts';
import type { Decision } from './checklist.ts';
import { consultations, stepStatuses } from './schema.ts';
import { stepCodes, steps } from './steps.ts';

// One line of the minutes per step, so each decision quotes the line that makes it.
const minuteOf = (step: (typeof stepCodes)[number], i: number) =>
  `${i + 1}、${steps[step].zh}：经联合会商，同意简化办理，材料以会商纪要为准。`;

export async function seedApprovals(tx: Tx, projects: { id: string; year: number; stage: Stage }[]): Promise<number> {
  const consulted = projects.filter((p) => stages.indexOf(p.stage) >= stages.indexOf('consulted'));
  const meetings: (typeof consultations.$inferInsert)[] = [];
  const statuses: (typeof stepStatuses.$inferInsert)[] = [];
  for (const p of consulted) {
    const id = uuidv7();
    const decisions: Decision[] = stepCodes.map((step, i) => ({
      step,
      simplified: true,
      minute: minuteOf(step, i),
      requiredMaterials: null,
    }));
    meetings.push({
      id,
      projectId: p.id,
      heldOn: `${p.year}-04-15`,
      leadDepartment: 'housing',
      departments: ['housing', 'development_reform', 'finance', 'planning', 'power', 'water', 'gas', 'telecom'],
      minutes: `区住建局牵头召开联合会商（演示数据）。\n${stepCodes.map(minuteOf).join('\n')}`,
      decisions,
      // Written by the demo seed, not by an account: shown as the system's record.
      createdByUsername: null,
    });
    if (stages.indexOf(p.stage) >= stages.indexOf('approved')) {
      for (const step of stepCodes) statuses.push({ projectId: p.id, step, status: 'simplified', consultationId: id });
    }
  }
  for (let k = 0; k < meetings.length; k += 1000) await tx.insert(consultations).values(meetings.slice(k, k + 1000));
  for (let k = 0; k < statuses.length; k += 5000) await tx.insert(stepStatuses).values(statuses.slice(k, k + 5000));
  return meetings.length;
}
