// The service provider's phone frame (/provide): a slim top bar over one column sized for a phone, signed in.
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MobileFrame, PhoneBar } from '../../app/PhoneFrame.tsx';
import RequireAuth from '../../app/RequireAuth.tsx';

export default function ProviderFrame() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const atHome = /^\/provide\/?$/.test(location.pathname);
  return (
    <RequireAuth>
      <MobileFrame
        header={
          <PhoneBar
            title={t('svc.provide.title')}
            background="#b35c00"
            back={atHome ? null : { label: t('common.back'), testId: 'pv-back', onClick: () => void navigate('/provide') }}
          />
        }
      >
        <Outlet />
      </MobileFrame>
    </RequireAuth>
  );
}
