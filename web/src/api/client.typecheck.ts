// Type-level tests of the typed client, checked by `tsc` in `npm run check` and never run: every
// expected error below fails the typecheck if the client stops rejecting that call.
import { api, type ResponseOf } from './client.ts';

export async function _typedClientChecks(): Promise<void> {
  const compound: ResponseOf<'/api/v1/compounds/{id}'> = await api.get('/api/v1/compounds/{id}', { params: { id: 'x' } });
  const year: number = compound.yearBuilt;
  void year;
  // @ts-expect-error a path the server does not have
  await api.get('/api/v1/no-such-thing');
  // @ts-expect-error the path parameter is required
  await api.get('/api/v1/compounds/{id}');
  // @ts-expect-error a query field of the wrong type
  await api.get('/api/v1/compounds', { query: { yearFrom: 'old' } });
  // @ts-expect-error a body missing a required field
  await api.post('/api/v1/auth/login', { body: { username: 'admin' } });
  // @ts-expect-error the answer is an object, not a string
  const wrong: string = await api.get('/api/v1/auth/me');
  void wrong;
  // @ts-expect-error only file answers download
  await api.download('/api/v1/auth/me', 'me.json');
  await api.download('/api/v1/compounds/export.xlsx', 'compounds.xlsx', { query: { q: '和睦' } });
}
