// 平台对接: the city platforms' connectors and the deliveries to them (city administrators).
import { ApiOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const exchangeModule = defineWebModule({
  name: 'exchange',
  shellRoutes: [{ path: 'exchange', element: lazyPage(() => import('./ExchangePage.tsx')) }],
  menu: [{ key: '/exchange', icon: <ApiOutlined />, label: 'menu.exchange', permission: 'exchange.manage', order: 95 }],
});
