// 停车管理 for the property desk: a compound's spaces, stays and their fees, payments recorded, monthly passes and the
// occupancy now.
import { CarOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const parkingDeskModule = defineWebModule({
  name: 'parking',
  shellRoutes: [{ path: 'parking', element: lazyPage(() => import('./ParkingDeskPage.tsx')) }],
  menu: [{ key: '/parking', icon: <CarOutlined />, label: 'parkingDesk.menu', permission: 'parking.manage', order: 94 }],
});
