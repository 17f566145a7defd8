// The smart community's pages and menu entries: devices (this file's first part); the duty console joins here.
import { ApiOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const smartModule = defineWebModule({
  name: 'smart',
  shellRoutes: [
    { path: 'devices', element: lazyPage(() => import('./DevicesPage.tsx')) },
    { path: 'devices/import', element: lazyPage(() => import('./DeviceImportPage.tsx')) },
    { path: 'devices/:id', element: lazyPage(() => import('./DevicePage.tsx')) },
  ],
  menu: [{ key: '/devices', icon: <ApiOutlined />, label: 'menu.devices', permission: 'devices.read', order: 32 }],
});
