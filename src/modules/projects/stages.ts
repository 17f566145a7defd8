// The basic construction procedure (R5) as the project's stages, in order.
export const stages = [
  'planned',
  'surveyed',
  'consented',
  'designed',
  'plan_approved',
  'consulted',
  'approved',
  'tendered',
  'under_construction',
  'accepted',
  'handed_over',
] as const;
export type Stage = (typeof stages)[number];

export const stageNames: Record<Stage, { zh: string; en: string }> = {
  planned: { zh: '列入计划', en: 'Planned' },
  surveyed: { zh: '摸底调查', en: 'Surveyed' },
  consented: { zh: '同意改造', en: 'Consented' },
  designed: { zh: '方案设计', en: 'Designed' },
  plan_approved: { zh: '方案认可', en: 'Plan approved' },
  consulted: { zh: '联合会商', en: 'Consulted' },
  approved: { zh: '审批完成', en: 'Approved' },
  tendered: { zh: '招投标', en: 'Tendered' },
  under_construction: { zh: '施工中', en: 'Under construction' },
  accepted: { zh: '竣工验收', en: 'Accepted' },
  handed_over: { zh: '移交管理', en: 'Handed over' },
};

export function nextStage(stage: Stage): Stage | null {
  const i = stages.indexOf(stage);
  return i >= 0 && i < stages.length - 1 ? stages[i + 1]! : null;
}
