// 网格治理驾驶舱: the governance dashboard's page and menu entry, a manifest of its own beside the grid module's
// module.tsx so the two slices do not edit one file.
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const gridDashboardModule = defineWebModule({
  name: 'grid-dashboard',
  shellRoutes: [{ path: 'grid-dashboard/:division?', element: lazyPage(() => import('./GridDashboardPage.tsx')) }],
  menu: [{ key: '/grid-dashboard', icon: <FundProjectionScreenOutlined />, label: 'gridDash.menu', permission: 'grid.read', order: 86 }],
});
