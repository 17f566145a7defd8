// 网格治理: the event list and one event's page, the grids, the grid worker's phone view (/grid/mine), and the
// governance dashboard (its routes and menu entry come from dashboard.module.tsx).
import { ApartmentOutlined, AlertOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';
import { gridDashboardMenu, gridDashboardShellRoutes } from './dashboard.module.tsx';

export const gridModule = defineWebModule({
  name: 'grid',
  routes: [
    {
      path: '/grid/mine',
      element: lazyPage(() => import('./PhoneFrame.tsx')),
      children: [
        { index: true, element: lazyPage(() => import('./MyGridPage.tsx')) },
        { path: 'report', element: lazyPage(() => import('./PatrolReportPage.tsx')) },
        { path: ':id', element: lazyPage(() => import('./MyGridEventPage.tsx')) },
      ],
    },
  ],
  shellRoutes: [
    { path: 'grid-events', element: lazyPage(() => import('./GridEventsPage.tsx')) },
    { path: 'grid-events/:id', element: lazyPage(() => import('./GridEventPage.tsx')) },
    { path: 'grids', element: lazyPage(() => import('./GridsPage.tsx')) },
    ...gridDashboardShellRoutes,
  ],
  menu: [
    { key: '/grid-events', icon: <AlertOutlined />, label: 'menu.gridEvents', permission: 'grid.read', order: 87 },
    { key: '/grids', icon: <ApartmentOutlined />, label: 'menu.grids', permission: 'grid.read', order: 88 },
    ...gridDashboardMenu,
  ],
});
