// Approval calls (checklist, consultations, documents) and their TanStack Query keys.
import { api, type ParamsOf } from '../../api/client.ts';
import type { ApprovalDocument, NewConsultation, StepStatus } from './types.ts';

export const approvalKeys = {
  approvals: (projectId: string) => ['projects', 'approvals', projectId] as const,
};

export const fetchApprovals = (projectId: string) => api.get('/api/v1/projects/{id}/approvals', { params: { id: projectId } });

export const recordConsultation = (projectId: string, body: NewConsultation) =>
  api.post('/api/v1/projects/{id}/consultations', { params: { id: projectId }, body });

export const setStepStatus = (projectId: string, step: string, status: StepStatus, consultationId?: string) =>
  api.post('/api/v1/projects/{id}/approvals/{step}', {
    // The step's code as the checklist names it.
    params: { id: projectId, step: step as ParamsOf<'/api/v1/projects/{id}/approvals/{step}', 'post'>['step'] },
    body: consultationId ? { status, consultationId } : { status },
  });

/** Multipart upload: the fields step and materialType, then the file. */
export async function uploadDocument(projectId: string, step: string, materialType: string, file: File) {
  const form = new FormData();
  form.append('step', step);
  form.append('materialType', materialType);
  form.append('file', file, file.name);
  return api.post('/api/v1/projects/{id}/documents', { params: { id: projectId }, body: form });
}

/** The file as uploaded, fetched with the session cookie and saved through a blob link. */
export const downloadDocument = (doc: ApprovalDocument) =>
  api.download('/api/v1/documents/{id}/content', doc.filename, { params: { id: doc.id } });
