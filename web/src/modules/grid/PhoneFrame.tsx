// The grid worker's phone frame (/grid/mine): a slim top bar over one column sized for a phone, signed in.
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from '../../app/LanguageSwitch.tsx';
import RequireAuth from '../../app/RequireAuth.tsx';

export default function PhoneFrame() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const atHome = /^\/grid\/mine\/?$/.test(location.pathname);
  return (
    <RequireAuth>
      <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
        <div style={{ maxWidth: 480, margin: '0 auto' }}>
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
              background: '#0f6e5a',
            }}
          >
            {atHome ? (
              <span style={{ width: 32 }} />
            ) : (
              <Button
                type="text"
                aria-label={t('common.back')}
                icon={<LeftOutlined style={{ color: '#fff' }} />}
                onClick={() => void navigate('/grid/mine')}
                data-testid="gw-back"
              />
            )}
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, flex: 1 }} ellipsis>
              {t('gridEvents.worker.title')}
            </Typography.Text>
            <LanguageSwitch dark />
          </header>
          <main style={{ padding: '12px 12px 32px' }}>
            <Outlet />
          </main>
        </div>
      </div>
    </RequireAuth>
  );
}
