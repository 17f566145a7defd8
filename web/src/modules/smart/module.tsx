// The smart community's pages and menu entries.
import { AlertOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const smartModule = defineWebModule({
  name: 'smart',
  shellRoutes: [{ path: 'duty', element: lazyPage(() => import('./DutyConsolePage.tsx')) }],
  menu: [{ key: '/duty', icon: <AlertOutlined />, label: 'duty.menu', permission: 'alarms.read', order: 15 }],
});
