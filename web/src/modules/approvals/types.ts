// Approval shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

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
] as const satisfies readonly NewConsultation['leadDepartment'][];

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
] as const satisfies readonly NonNullable<NonNullable<NewConsultation['decisions']>[number]['requiredMaterials']>[number][];

export type Approvals = ResponseOf<'/api/v1/projects/{id}/approvals'>;
export type ApprovalStep = Approvals['steps'][number];
export type StepStatus = ApprovalStep['status'];
export type RequiredMaterial = ApprovalStep['requiredMaterials'][number];
export type Consultation = Approvals['consultations'][number];
export type Decision = Consultation['decisions'][number];
export type ApprovalDocument = Approvals['documents'][number];
export type NewConsultation = BodyOf<'/api/v1/projects/{id}/consultations', 'post'>;
