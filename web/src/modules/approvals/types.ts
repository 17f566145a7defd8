// Approval shapes as the API returns them (docs/api-projects.md, "Approvals").
export const DEPARTMENTS = [
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

/** Every material a step may require (defaults, and those a consultation may call for). */
export const MATERIALS = [
  'proposal_text',
  'proposal_approval',
  'feasibility_report',
  'feasibility_approval',
  'preliminary_design',
  'cost_estimate',
  'preliminary_design_approval',
  'construction_drawings',
  'drawing_review_certificate',
  'permit_application',
  'construction_permit',
  'construction_budget',
  'budget_review_report',
  'tender_documents',
  'tender_filing_receipt',
  'consultation_minutes',
  'joint_review_opinion',
  'scheme_design',
] as const;

export type StepStatus = 'pending' | 'done' | 'simplified';

export interface RequiredMaterial {
  type: string;
  nameZh: string;
  nameEn: string;
  present: boolean;
}

export interface ApprovalStep {
  code: string;
  nameZh: string;
  nameEn: string;
  status: StepStatus;
  requiredMaterials: RequiredMaterial[];
  simplifiedBy: { consultationId: string; minute: string } | null;
  satisfied: boolean;
}

export interface Decision {
  step: string;
  simplified: boolean;
  minute: string | null;
  requiredMaterials: string[] | null;
}

export interface Consultation {
  id: string;
  date: string;
  leadDepartment: string;
  departments: string[];
  minutes: string | null;
  decisions: Decision[];
  recordedBy: string | null;
  recordedAt: string;
}

export interface ApprovalDocument {
  id: string;
  step: string;
  materialType: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface Approvals {
  steps: ApprovalStep[];
  consultations: Consultation[];
  documents: ApprovalDocument[];
}

export interface NewConsultation {
  date: string;
  leadDepartment: string;
  departments: string[];
  minutes?: string | null;
  decisions?: { step: string; simplified?: boolean; minute?: string | null; requiredMaterials?: string[] | null }[];
}
