// The overview's pages and menu entry: the dashboard in the shell and its wall display (大屏), full screen outside it.
import { DashboardOutlined } from '@ant-design/icons';
import RequireAuth from '../../app/RequireAuth.tsx';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const statsModule = defineWebModule({
  name: 'stats',
  routes: [{ path: '/overview/:division/wall', element: <RequireAuth>{lazyPage(() => import('./WallPage.tsx'))}</RequireAuth> }],
  shellRoutes: [{ path: 'overview/:division?', element: lazyPage(() => import('./OverviewPage.tsx')) }],
  menu: [
    {
      key: '/overview',
      icon: <DashboardOutlined />,
      label: 'menu.overview',
      permission: ['projects.write', 'evaluation.manage'],
      order: 10,
    },
  ],
});
