// Calls to /api/v1/auth.
import { api, ApiError } from '../../api/client.ts';
import type { AppLocale } from '../../app/i18n/index.ts';
import type { User } from './types.ts';

export const login = (username: string, password: string) =>
  api.post('/api/v1/auth/login', { body: { username, password }, allowUnauthorized: true });

export const logout = () => api.post('/api/v1/auth/logout', { allowUnauthorized: true });

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<User | null> {
  try {
    const body = await api.get('/api/v1/auth/me', { allowUnauthorized: true });
    return body.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const saveLocale = (locale: AppLocale) => api.put('/api/v1/auth/me/locale', { body: { locale } });
