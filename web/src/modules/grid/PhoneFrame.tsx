// The grid worker's phone frame (/grid/mine): a slim top bar over one column sized for a phone, signed in.
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MobileFrame, PhoneBar } from '../../app/PhoneFrame.tsx';
import RequireAuth from '../../app/RequireAuth.tsx';

export default function PhoneFrame() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const atHome = /^\/grid\/mine\/?$/.test(location.pathname);
  return (
    <RequireAuth>
      <MobileFrame
        header={
          <PhoneBar
            title={t('gridEvents.worker.title')}
            background="#0f6e5a"
            back={atHome ? null : { label: t('common.back'), testId: 'gw-back', onClick: () => void navigate('/grid/mine') }}
          />
        }
      >
        <Outlet />
      </MobileFrame>
    </RequireAuth>
  );
}
