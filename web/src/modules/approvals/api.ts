// Approval calls (checklist, consultations, documents) and their TanStack Query keys.
import { api, apiFetch, downloadFile } from '../../app/api.ts';
import type { ApprovalDocument, Approvals, Consultation, NewConsultation, StepStatus } from './types.ts';

export const approvalKeys = {
  approvals: (projectId: string) => ['projects', 'approvals', projectId] as const,
};

const p = (id: string) => `/projects/${encodeURIComponent(id)}`;

export const fetchApprovals = (projectId: string) => api<Approvals>(`${p(projectId)}/approvals`);

export const recordConsultation = (projectId: string, body: NewConsultation) =>
  api<Consultation>(`${p(projectId)}/consultations`, { method: 'POST', body });

export const setStepStatus = (projectId: string, step: string, status: StepStatus, consultationId?: string) =>
  api<Approvals>(`${p(projectId)}/approvals/${encodeURIComponent(step)}`, {
    method: 'POST',
    body: consultationId ? { status, consultationId } : { status },
  });

/** Multipart upload: the fields step and materialType, then the file. */
export async function uploadDocument(projectId: string, step: string, materialType: string, file: File): Promise<ApprovalDocument> {
  const form = new FormData();
  form.append('step', step);
  form.append('materialType', materialType);
  form.append('file', file, file.name);
  const res = await apiFetch(`${p(projectId)}/documents`, { method: 'POST', body: form });
  return (await res.json()) as ApprovalDocument;
}

/** The file as uploaded, fetched with the session cookie and saved through a blob link. */
export const downloadDocument = (doc: ApprovalDocument) => downloadFile(`/documents/${encodeURIComponent(doc.id)}/content`, doc.filename);
