// The approval checklist as plain functions: which materials a step needs
// (the defaults, unless a consultation's minutes fixed others), whether a
// consultation allows a step to be simplified, and whether each step counts
// towards the `approved` gate. No database here.
import { materials, stepCodes, steps, type Material, type StepCode } from './steps.ts';

export interface Decision {
  step: StepCode;
  simplified: boolean;
  /** The item of the minutes that makes the decision, quoted. */
  minute: string | null;
  /** Replaces the step's default materials; null keeps them. */
  requiredMaterials: Material[] | null;
}

export interface ConsultationFacts {
  id: string;
  heldOn: string;
  createdAt: Date;
  minutes: string | null;
  decisions: Decision[];
}

export type StepStatus = 'pending' | 'done' | 'simplified';

export interface StepRecord {
  step: StepCode;
  status: 'done' | 'simplified';
  consultationId: string | null;
}

export const hasMinutes = (c: Pick<ConsultationFacts, 'minutes'>) => !!c.minutes?.trim();

/** Later meetings override earlier ones: by date, then by when they were recorded. */
function newestFirst(consultations: ConsultationFacts[]): ConsultationFacts[] {
  return [...consultations].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.createdAt.getTime() - a.createdAt.getTime());
}

export function requiredMaterials(step: StepCode, consultations: ConsultationFacts[]): readonly Material[] {
  for (const c of newestFirst(consultations)) {
    if (!hasMinutes(c)) continue;
    const d = c.decisions.find((x) => x.step === step && x.requiredMaterials?.length);
    if (d) return d.requiredMaterials!;
  }
  return steps[step].materials;
}

/** Every material a document of this step may be filed as: the defaults and any a consultation asked for. */
export function materialsOf(step: StepCode, consultations: ConsultationFacts[]): Material[] {
  const extra = consultations.flatMap((c) => c.decisions.filter((d) => d.step === step).flatMap((d) => d.requiredMaterials ?? []));
  return [...new Set([...steps[step].materials, ...extra])];
}

/** The decision of this consultation that simplifies the step, if its minutes record one. */
export function simplification(step: StepCode, consultation: ConsultationFacts): Decision | undefined {
  if (!hasMinutes(consultation)) return undefined;
  return consultation.decisions.find((d) => d.step === step && d.simplified && !!d.minute?.trim());
}

export interface StepView {
  code: StepCode;
  nameZh: string;
  nameEn: string;
  status: StepStatus;
  requiredMaterials: { type: Material; nameZh: string; nameEn: string; present: boolean }[];
  simplifiedBy: { consultationId: string; minute: string } | null;
  /** Counts towards the `approved` gate: done with every required material, or simplified by a minute. */
  satisfied: boolean;
}

export function buildChecklist(
  records: StepRecord[],
  consultations: ConsultationFacts[],
  present: ReadonlyMap<StepCode, ReadonlySet<string>>,
): StepView[] {
  return stepCodes.map((code) => {
    const record = records.find((r) => r.step === code);
    const status: StepStatus = record?.status ?? 'pending';
    const required = requiredMaterials(code, consultations).map((type) => ({
      type,
      nameZh: materials[type].zh,
      nameEn: materials[type].en,
      present: present.get(code)?.has(type) ?? false,
    }));
    const by = record?.status === 'simplified' ? consultations.find((c) => c.id === record.consultationId) : undefined;
    const decision = by ? simplification(code, by) : undefined;
    const simplifiedBy = by && decision ? { consultationId: by.id, minute: decision.minute! } : null;
    const satisfied = status === 'done' ? required.every((m) => m.present) : status === 'simplified' && !!simplifiedBy;
    return { code, nameZh: steps[code].zh, nameEn: steps[code].en, status, requiredMaterials: required, simplifiedBy, satisfied };
  });
}

/** What would satisfy the `approved` gate, step by step, in words an officer can act on. */
export function unmetSteps(checklist: StepView[]): string[] {
  return checklist
    .filter((s) => !s.satisfied)
    .map((s) => {
      const missing = s.requiredMaterials.filter((m) => !m.present).map((m) => m.type);
      if (s.status === 'done') return `${s.code}: upload ${missing.join(', ')}`;
      return `${s.code}: mark it done (materials: ${missing.join(', ') || 'all present'}) or simplified citing a consultation minute`;
    });
}
