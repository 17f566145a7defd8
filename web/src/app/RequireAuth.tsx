// Guards signed-in routes: waits for the session probe, then shows the page or the login.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../modules/accounts/index.ts';
import { errorMessage } from './api.ts';

export default function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, error, refetch } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) {
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (error && !user) {
    return (
      <Result
        status="error"
        title={t('common.error')}
        subTitle={errorMessage(error)}
        extra={<Button onClick={refetch}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
