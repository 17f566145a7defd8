// Session state for the whole app: who is signed in, sign-in/out, and the language choice.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setUnauthorizedHandler } from '../../app/api.ts';
import { rememberLocale, type AppLocale } from '../../app/i18n/index.ts';
import * as authApi from './api.ts';
import type { User } from './types.ts';

export const ME_KEY = ['auth', 'me'] as const;

interface AuthContextValue {
  user: User | null;
  loading: boolean;
  error: unknown;
  refetch: () => void;
  signIn: (username: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  changeLocale: (locale: AppLocale) => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { i18n } = useTranslation();
  const me = useQuery({ queryKey: ME_KEY, queryFn: authApi.fetchMe, staleTime: 5 * 60_000, retry: false });
  const user = me.data ?? null;

  // Any 401 outside the auth calls means the session ended: forget the user (RequireAuth redirects).
  useEffect(() => {
    setUnauthorizedHandler(() => {
      client.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);

  // The user's saved language wins over the browser's stored one.
  useEffect(() => {
    if (user && user.locale !== i18n.language) {
      void i18n.changeLanguage(user.locale);
      rememberLocale(user.locale);
    }
    // Only when a (different) user arrives, not on every language change.
  }, [user?.id, user?.locale]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { user: signedIn } = await authApi.login(username, password);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, signedIn);
      return signedIn;
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      client.clear();
      client.setQueryData(ME_KEY, null);
    }
  }, [client]);

  const changeLocale = useCallback(
    async (locale: AppLocale) => {
      rememberLocale(locale);
      await i18n.changeLanguage(locale);
      const current = client.getQueryData<User | null>(ME_KEY);
      if (current) {
        client.setQueryData(ME_KEY, { ...current, locale });
        try {
          await authApi.saveLocale(locale);
        } catch {
          /* the local choice still applies; the server copy is best effort */
        }
      }
    },
    [client, i18n],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      user,
      loading: me.isPending,
      error: me.error,
      refetch: () => void me.refetch(),
      signIn,
      signOut,
      changeLocale,
      can: (permission) => user?.permissions.includes(permission) ?? false,
    }),
    [user, me.isPending, me.error, me.refetch, signIn, signOut, changeLocale],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
