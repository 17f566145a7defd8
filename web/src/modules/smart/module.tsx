// The smart community's pages and menu entries: devices, and the duty console (值班台).
import { AlertOutlined, ApiOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const smartModule = defineWebModule({
  name: 'smart',
  shellRoutes: [
    { path: 'devices', element: lazyPage(() => import('./DevicesPage.tsx')) },
    { path: 'devices/import', element: lazyPage(() => import('./DeviceImportPage.tsx')) },
    { path: 'devices/:id', element: lazyPage(() => import('./DevicePage.tsx')) },
    { path: 'duty', element: lazyPage(() => import('./DutyConsolePage.tsx')) },
  ],
  menu: [
    { key: '/duty', icon: <AlertOutlined />, label: 'duty.menu', permission: 'alarms.read', order: 15 },
    { key: '/devices', icon: <ApiOutlined />, label: 'menu.devices', permission: 'devices.read', order: 32 },
  ],
});
