// The residents' mobile frame: a slim top bar (back, title, language, sign out) over one
// column sized for a 375–430 px phone; no side menu. Guards its pages: no session → /m/login.
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Popconfirm, Result, Spin } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { MobileFrame, PhoneBar } from '../../app/PhoneFrame.tsx';
import { useAuth } from '../accounts/index.ts';

function TopBar() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const atHome = location.pathname === '/m' || location.pathname === '/m/';
  return (
    <PhoneBar
      title={t('resident.appTitle')}
      background="#1558b0"
      back={atHome ? null : { label: t('resident.back'), testId: 'm-back', onClick: () => void navigate('/m') }}
    >
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
        <Button type="text" icon={<LogoutOutlined />} data-testid="m-signout" style={{ color: '#fff', fontSize: 15 }}>
          {t('resident.signOut')}
        </Button>
      </Popconfirm>
    </PhoneBar>
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
