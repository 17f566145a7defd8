// The home (工作台): the landing page after sign-in at `/`, what the person does today by role.
import { HomeOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const homeModule = defineWebModule({
  name: 'home',
  shellRoutes: [{ index: true, element: lazyPage(() => import('./HomePage.tsx')) }],
  menu: [{ key: '/', icon: <HomeOutlined />, label: 'home.menu', order: 1 }],
});
