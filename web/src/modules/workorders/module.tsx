// 工单: the list and one order's page.
import { ToolOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const workOrdersModule = defineWebModule({
  name: 'workorders',
  shellRoutes: [
    { path: 'work-orders', element: lazyPage(() => import('./WorkOrdersPage.tsx')) },
    { path: 'work-orders/:id', element: lazyPage(() => import('./WorkOrderPage.tsx')) },
  ],
  menu: [{ key: '/work-orders', icon: <ToolOutlined />, label: 'menu.workOrders', permission: 'workorders.read', order: 85 }],
});
