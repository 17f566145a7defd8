// The catalogue's page and menu entry.
import { ApartmentOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const catalogueModule = defineWebModule({
  name: 'catalogue',
  shellRoutes: [{ path: 'catalogue', element: lazyPage(() => import('./CataloguePage.tsx')) }],
  menu: [
    {
      key: '/catalogue',
      icon: <ApartmentOutlined />,
      label: 'menu.catalogue',
      permission: ['projects.write', 'catalogue.publish'],
      order: 50,
    },
  ],
});
