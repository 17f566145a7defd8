// The property companies' page and menu entry.
import { ShopOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const governanceModule = defineWebModule({
  name: 'governance',
  shellRoutes: [{ path: 'property-companies', element: lazyPage(() => import('./PropertyCompaniesPage.tsx')) }],
  menu: [
    {
      key: '/property-companies',
      icon: <ShopOutlined />,
      label: 'menu.propertyCompanies',
      permission: ['governance.manage', 'companies.register'],
      order: 70,
    },
  ],
});
