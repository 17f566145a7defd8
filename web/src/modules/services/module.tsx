// 居家服务 for staff and providers: the matching dashboard, orders with their candidates and manual dispatch, care
// profiles, providers with offerings, slots and qualifications, complaints; and the provider's phone view (/provide).
import { FundOutlined, HeartOutlined, MobileOutlined, ShopOutlined, SolutionOutlined, WarningOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const servicesModule = defineWebModule({
  name: 'services',
  routes: [
    {
      path: '/provide',
      element: lazyPage(() => import('./ProviderFrame.tsx')),
      children: [
        { index: true, element: lazyPage(() => import('./ProviderHomePage.tsx')) },
        { path: ':id', element: lazyPage(() => import('./ProviderOrderPage.tsx')) },
      ],
    },
  ],
  shellRoutes: [
    { path: 'services/dashboard', element: lazyPage(() => import('./DashboardPage.tsx')) },
    { path: 'services/dashboard/:division', element: lazyPage(() => import('./DashboardPage.tsx')) },
    { path: 'services/orders', element: lazyPage(() => import('./OrdersPage.tsx')) },
    { path: 'services/orders/:id', element: lazyPage(() => import('./OrderPage.tsx')) },
    { path: 'services/care-profiles', element: lazyPage(() => import('./CareProfilesPage.tsx')) },
    { path: 'services/care-profiles/:id', element: lazyPage(() => import('./CareProfilePage.tsx')) },
    { path: 'services/providers', element: lazyPage(() => import('./ProvidersPage.tsx')) },
    { path: 'services/providers/:id', element: lazyPage(() => import('./ProviderPage.tsx')) },
    { path: 'services/complaints', element: lazyPage(() => import('./ComplaintsPage.tsx')) },
  ],
  // Staff entries are gated by care.read, which staff hold and a provider does not (a provider also reads services).
  menu: [
    { key: '/services/dashboard', icon: <FundOutlined />, label: 'svc.menu.dashboard', permission: 'care.read', order: 96.1 },
    { key: '/services/orders', icon: <SolutionOutlined />, label: 'svc.menu.orders', permission: 'care.read', order: 96.2 },
    { key: '/services/care-profiles', icon: <HeartOutlined />, label: 'svc.menu.profiles', permission: 'care.read', order: 96.3 },
    { key: '/services/providers', icon: <ShopOutlined />, label: 'svc.menu.providers', permission: 'care.read', order: 96.4 },
    { key: '/services/complaints', icon: <WarningOutlined />, label: 'svc.menu.complaints', permission: 'services.manage', order: 96.5 },
    { key: '/provide', icon: <MobileOutlined />, label: 'svc.menu.provide', permission: 'services.provide', order: 96.6 },
  ],
});
