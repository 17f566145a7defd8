// 物业报修: the property staff's list of their compounds' repair requests and one request's page with its moves.
import { ToolOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const repairsModule = defineWebModule({
  name: 'repairs',
  shellRoutes: [
    { path: 'repairs', element: lazyPage(() => import('./RepairsPage.tsx')) },
    { path: 'repairs/:id', element: lazyPage(() => import('./RepairPage.tsx')) },
  ],
  menu: [{ key: '/repairs', icon: <ToolOutlined />, label: 'repairs.menu', permission: 'repairs.read', order: 89 }],
});
