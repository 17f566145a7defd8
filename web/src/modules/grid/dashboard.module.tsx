// 网格治理驾驶舱: the governance dashboard's page and menu entry, spread into the grid module's manifest (module.tsx),
// kept in a file of their own so the grid's web slices do not edit the same lines.
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { RouteObject } from 'react-router';
import { lazyPage, type MenuEntry } from '../../app/webModule.tsx';

export const gridDashboardShellRoutes: RouteObject[] = [
  { path: 'grid-dashboard/:division?', element: lazyPage(() => import('./GridDashboardPage.tsx')) },
];

export const gridDashboardMenu: MenuEntry[] = [
  { key: '/grid-dashboard', icon: <FundProjectionScreenOutlined />, label: 'gridDash.menu', permission: 'grid.read', order: 86 },
];
