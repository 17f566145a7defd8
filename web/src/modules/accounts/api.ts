// Calls to /api/v1/auth.
import { api, ApiError } from '../../app/api.ts';
import type { AppLocale } from '../../app/i18n/index.ts';
import type { LoginResponse, User } from './types.ts';

export const login = (username: string, password: string) =>
  api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, allowUnauthorized: true });

export const logout = () => api<void>('/auth/logout', { method: 'POST', allowUnauthorized: true });

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<User | null> {
  try {
    const body = await api<{ user: User }>('/auth/me', { allowUnauthorized: true });
    return body.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const saveLocale = (locale: AppLocale) => api<void>('/auth/me/locale', { method: 'PUT', body: { locale } });
