// Market participation's pages and menu entries: the property-service subsidy and the public-space register.
import { AccountBookOutlined, ShopOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const marketModule = defineWebModule({
  name: 'market',
  shellRoutes: [
    { path: 'property-subsidies', element: lazyPage(() => import('./SubsidiesPage.tsx')) },
    { path: 'public-spaces', element: lazyPage(() => import('./SpacesPage.tsx')) },
  ],
  menu: [
    { key: '/property-subsidies', icon: <AccountBookOutlined />, label: 'menu.propertySubsidies', permission: 'subsidies.read', order: 72 },
    { key: '/public-spaces', icon: <ShopOutlined />, label: 'menu.publicSpaces', permission: 'spaces.read', order: 73 },
  ],
});
