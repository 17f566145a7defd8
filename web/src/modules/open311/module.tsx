// Open311 接入: partners' API keys for GeoReport v2 (the city's administrator).
import { KeyOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const open311Module = defineWebModule({
  name: 'open311',
  shellRoutes: [{ path: 'open311-keys', element: lazyPage(() => import('./KeysPage.tsx')) }],
  menu: [{ key: '/open311-keys', icon: <KeyOutlined />, label: 'menu.open311', permission: 'open311.keys', order: 96 }],
});
