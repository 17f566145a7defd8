// 生活圈 for staff: the 15-minute living circle's gaps, each compound's circle and the facilities.
import { CompassOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const livingCircleModule = defineWebModule({
  name: 'livingcircle',
  shellRoutes: [{ path: 'circle', element: lazyPage(() => import('./CirclePage.tsx')) }],
  menu: [{ key: '/circle', icon: <CompassOutlined />, label: 'circle.menu', permission: 'circle.read', order: 93 }],
});
