// 社区服务 for staff: notices with read receipts, the canteen (menus, the day's list, diners), shops nearby and the
// lobby screens' links; and the public lobby screen itself (/screen/:compoundId, outside the signed-in shell).
import { CoffeeOutlined, DesktopOutlined, NotificationOutlined, ShopOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const communityModule = defineWebModule({
  name: 'community',
  routes: [{ path: '/screen/:compoundId', element: lazyPage(() => import('./ScreenPage.tsx')) }],
  shellRoutes: [
    { path: 'community/notices', element: lazyPage(() => import('./NoticesPage.tsx')) },
    { path: 'community/canteen', element: lazyPage(() => import('./CanteenPage.tsx')) },
    { path: 'community/shops', element: lazyPage(() => import('./ShopsPage.tsx')) },
    { path: 'community/screens', element: lazyPage(() => import('./ScreensPage.tsx')) },
  ],
  menu: [
    {
      key: '/community/notices',
      icon: <NotificationOutlined />,
      label: 'community.menu.notices',
      permission: 'notices.publish',
      order: 89,
    },
    { key: '/community/canteen', icon: <CoffeeOutlined />, label: 'community.menu.canteen', permission: 'canteen.manage', order: 90 },
    { key: '/community/shops', icon: <ShopOutlined />, label: 'community.menu.shops', permission: 'commerce.manage', order: 91 },
    { key: '/community/screens', icon: <DesktopOutlined />, label: 'community.menu.screens', permission: 'screens.manage', order: 92 },
  ],
});
