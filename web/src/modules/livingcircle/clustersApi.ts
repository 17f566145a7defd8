// The clusters' calls (片区: suggestions, accepting one as a project, kept clusters and their checklist) and query keys.
import { api, type BodyOf, type ResponseAt } from '../../api/client.ts';

export type Suggestions = ResponseAt<'/api/v1/clusters/suggestions', 'get', 200>;
export type Suggestion = Suggestions['suggestions'][number];
export type AcceptBody = BodyOf<'/api/v1/clusters/suggestions/accept', 'post'>;
export type KeptCluster = ResponseAt<'/api/v1/clusters', 'get', 200>['items'][number];
export type ClusterDetail = ResponseAt<'/api/v1/clusters/{id}', 'get', 200>;

export const clusterKeys = {
  all: ['clusters'] as const,
  suggestions: (division: string, excludeInProject = false) => ['clusters', 'suggestions', division, excludeInProject] as const,
  kept: (division: string) => ['clusters', 'kept', division] as const,
  one: (id: string) => ['clusters', 'one', id] as const,
};

export const fetchSuggestions = (division: string, excludeInProject = false) =>
  api.get('/api/v1/clusters/suggestions', { query: { division, ...(excludeInProject ? { excludeInProject: 'true' as const } : {}) } });
export const acceptSuggestion = (body: AcceptBody) => api.post('/api/v1/clusters/suggestions/accept', { body });
export const fetchKeptClusters = (division: string) => api.get('/api/v1/clusters', { query: division ? { division } : {} });
export const fetchCluster = (id: string) => api.get('/api/v1/clusters/{id}', { params: { id } });
export const setChecklistItem = (id: string, item: string, body: { done: boolean; note?: string | null }) =>
  api.put('/api/v1/clusters/{id}/checklist/{item}', { params: { id, item }, body });
