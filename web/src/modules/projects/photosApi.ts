// A project's before and after photos (改造前 / 改造后): calls and query keys.
import { api, type ResponseOf } from '../../api/client.ts';

export type ProjectPhotos = ResponseOf<'/api/v1/projects/{id}/photos'>;
export type ProjectPhoto = ProjectPhotos['items'][number];
export type PhotoTag = ProjectPhoto['tag'];
export const PHOTO_TAGS: readonly PhotoTag[] = ['before', 'after'];
/** What the server keeps (checked again by the bytes). */
export const PHOTO_ACCEPT = '.png,.jpg,.jpeg';

export const photoKeys = {
  of: (projectId: string) => ['projects', 'photos', projectId] as const,
};

export const fetchPhotos = (projectId: string) => api.get('/api/v1/projects/{id}/photos', { params: { id: projectId } });

/** Multipart upload: tag, then the optional caption and building, then the file. */
export function uploadPhoto(projectId: string, input: { tag: PhotoTag; caption?: string; buildingId?: string }, file: File) {
  const form = new FormData();
  form.append('tag', input.tag);
  if (input.caption?.trim()) form.append('caption', input.caption.trim());
  if (input.buildingId) form.append('buildingId', input.buildingId);
  form.append('file', file, file.name);
  return api.post('/api/v1/projects/{id}/photos', { params: { id: projectId }, body: form });
}

export const deletePhoto = (projectId: string, photoId: string) =>
  api.delete('/api/v1/projects/{id}/photos/{photoId}', { params: { id: projectId, photoId } });

export const fetchCompoundBuildings = (compoundId: string) =>
  api.get('/api/v1/compounds/{id}', { params: { id: compoundId } }).then((c) => c.buildings.map((b) => ({ id: b.id, name: b.name })));
