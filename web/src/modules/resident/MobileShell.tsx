// The residents' mobile frame: a slim top bar (back, title, language, sign out) over one
// column sized for a 375–430 px phone; no side menu. Guards its pages: no session → /m/login.
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Popconfirm, Result, Spin, Typography } from 'antd';
import { LeftOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import LanguageSwitch from '../../app/LanguageSwitch.tsx';
import { useAuth } from '../accounts/index.ts';

export const MOBILE_MAX_WIDTH = 480;

/** The page column: full width on a phone, centred and capped on anything larger. */
export function MobileFrame({ children, header }: { children: ReactNode; header?: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }} data-testid="m-frame">
      <div style={{ maxWidth: MOBILE_MAX_WIDTH, margin: '0 auto', minHeight: '100vh', background: '#f5f6f8' }}>
        {header}
        <main style={{ padding: '12px 12px 32px' }}>{children}</main>
      </div>
    </div>
  );
}

function TopBar() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const atHome = location.pathname === '/m' || location.pathname === '/m/';
  return (
    <header
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 10,
        height: 48,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: '0 8px',
        background: '#1558b0',
        color: '#fff',
      }}
    >
      {atHome ? (
        <span style={{ width: 32 }} />
      ) : (
        <Button
          type="text"
          aria-label={t('resident.back')}
          icon={<LeftOutlined style={{ color: '#fff' }} />}
          onClick={() => void navigate('/m')}
          data-testid="m-back"
        />
      )}
      <Typography.Text strong style={{ color: '#fff', fontSize: 16, flex: 1 }} ellipsis>
        {t('resident.appTitle')}
      </Typography.Text>
      <LanguageSwitch dark />
      <Popconfirm
        title={t('resident.signOutConfirm')}
        okText={t('resident.signOut')}
        cancelText={t('resident.ballot.cancel')}
        placement="bottomRight"
        okButtonProps={{ 'data-testid': 'm-signout-confirm' }}
        onConfirm={async () => {
          await signOut();
          // A fresh load: no cached page of this resident survives the sign-out on a shared phone.
          window.location.replace('/m/login');
        }}
      >
        <Button
          type="text"
          aria-label={t('resident.signOut')}
          icon={<LogoutOutlined style={{ color: '#fff' }} />}
          data-testid="m-signout"
        />
      </Popconfirm>
    </header>
  );
}

export default function MobileShell() {
  const { user, loading, error, refetch } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading)
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" />
      </div>
    );
  if (error && !user)
    return (
      <MobileFrame>
        <Result
          status="error"
          title={t('common.error')}
          subTitle={errorMessage(error)}
          extra={<Button onClick={refetch}>{t('common.retry')}</Button>}
        />
      </MobileFrame>
    );
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/m' || next === '/m/' ? '/m/login' : `/m/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <MobileFrame header={<TopBar />}>
      <Outlet />
    </MobileFrame>
  );
}
