// Account shapes as the auth API returns them.
import type { AppLocale } from '../../app/i18n/index.ts';

export interface UserScope {
  division: string | null;
  compoundIds: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scope: UserScope;
  permissions: string[];
  locale: AppLocale;
}

export interface LoginResponse {
  token: string;
  user: User;
}
