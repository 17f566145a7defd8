// The approval steps of the basic construction procedure (R5) and the
// materials each needs by default. A joint consultation may simplify a step or
// change its materials, but the list itself is fixed: no step is ever dropped.

export const departments = [
  'housing',
  'development_reform',
  'finance',
  'planning',
  'city_management',
  'police',
  'fire',
  'civil_affairs',
  'power',
  'water',
  'gas',
  'telecom',
] as const;
export type Department = (typeof departments)[number];

export const materials = {
  proposal_text: { zh: '项目建议书文本', en: 'Project proposal' },
  proposal_approval: { zh: '项目建议书批复', en: 'Approval of the project proposal' },
  feasibility_report: { zh: '可行性研究报告', en: 'Feasibility study report' },
  feasibility_approval: { zh: '可行性研究报告批复', en: 'Approval of the feasibility study' },
  preliminary_design: { zh: '初步设计文件', en: 'Preliminary design' },
  cost_estimate: { zh: '设计概算', en: 'Design cost estimate' },
  preliminary_design_approval: { zh: '初步设计批复', en: 'Approval of the preliminary design' },
  construction_drawings: { zh: '施工图设计文件', en: 'Construction drawings' },
  drawing_review_certificate: { zh: '施工图审查合格书', en: 'Drawing review certificate' },
  permit_application: { zh: '施工许可申请表', en: 'Construction permit application' },
  construction_permit: { zh: '施工许可证', en: 'Construction permit' },
  construction_budget: { zh: '施工图预算', en: 'Construction budget' },
  budget_review_report: { zh: '预算评审报告', en: 'Budget review report' },
  tender_documents: { zh: '招标文件', en: 'Tender documents' },
  tender_filing_receipt: { zh: '招标备案回执', en: 'Tender filing receipt' },
  // Materials a consultation may call for instead of (or beside) the defaults.
  consultation_minutes: { zh: '联合会商纪要', en: 'Joint consultation minutes' },
  joint_review_opinion: { zh: '联合审查意见', en: 'Joint review opinion' },
  scheme_design: { zh: '改造方案设计文本', en: 'Renovation scheme design' },
} as const;
export type Material = keyof typeof materials;
export const materialCodes = Object.keys(materials) as [Material, ...Material[]];

export const stepCodes = [
  'project_proposal',
  'feasibility',
  'preliminary_design',
  'construction_drawing_review',
  'construction_permit',
  'budget_review',
  'tender',
] as const;
export type StepCode = (typeof stepCodes)[number];

export const steps: Record<StepCode, { zh: string; en: string; materials: readonly Material[] }> = {
  project_proposal: { zh: '项目建议书', en: 'Project proposal', materials: ['proposal_text', 'proposal_approval'] },
  feasibility: { zh: '可行性研究', en: 'Feasibility study', materials: ['feasibility_report', 'feasibility_approval'] },
  preliminary_design: {
    zh: '初步设计',
    en: 'Preliminary design',
    materials: ['preliminary_design', 'cost_estimate', 'preliminary_design_approval'],
  },
  construction_drawing_review: {
    zh: '施工图审查',
    en: 'Construction drawing review',
    materials: ['construction_drawings', 'drawing_review_certificate'],
  },
  construction_permit: { zh: '施工许可', en: 'Construction permit', materials: ['permit_application', 'construction_permit'] },
  budget_review: { zh: '预算评审', en: 'Budget review', materials: ['construction_budget', 'budget_review_report'] },
  tender: { zh: '招标备案', en: 'Tender filing', materials: ['tender_documents', 'tender_filing_receipt'] },
};
