// The residents' mobile web (/m): its own frame, no officer shell.
import { Navigate } from 'react-router';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const residentModule = defineWebModule({
  name: 'resident',
  routes: [
    { path: '/m/login', element: lazyPage(() => import('./ResidentLoginPage.tsx')) },
    {
      path: '/m',
      element: lazyPage(() => import('./MobileShell.tsx')),
      children: [
        { index: true, element: lazyPage(() => import('./ResidentHomePage.tsx')) },
        { path: 'surveys/:id', element: lazyPage(() => import('./ResidentSurveyPage.tsx')) },
        { path: 'ballots/:id', element: lazyPage(() => import('./ResidentBallotPage.tsx')) },
        // 报事: grid events reported by the resident (the grid module's resident side).
        { path: 'report', element: lazyPage(() => import('./reports/ReportNewPage.tsx')) },
        { path: 'reports', element: lazyPage(() => import('./reports/MyReportsPage.tsx')) },
        { path: 'reports/:id', element: lazyPage(() => import('./reports/ReportPage.tsx')) },
        { path: 'grid-public', element: lazyPage(() => import('./reports/PublicEventsPage.tsx')) },
        // 居家服务: home care services ordered for oneself or an elder (the services module's resident side).
        { path: 'services', element: lazyPage(() => import('./services/OrderServicePage.tsx')) },
        { path: 'services/orders', element: lazyPage(() => import('./services/MyServiceOrdersPage.tsx')) },
        { path: 'services/orders/:id', element: lazyPage(() => import('./services/ServiceOrderPage.tsx')) },
        // 通行: the access code, visitor passes, vehicles and parking (passage and parking modules).
        { path: 'passage', element: lazyPage(() => import('./passage/PassagePage.tsx')) },
        // 物业报修: property repairs (the repairs module's resident side).
        { path: 'repair', element: lazyPage(() => import('./repairs/RepairNewPage.tsx')) },
        { path: 'repairs', element: lazyPage(() => import('./repairs/MyRepairsPage.tsx')) },
        { path: 'repairs/:id', element: lazyPage(() => import('./repairs/MyRepairPage.tsx')) },
        // 社区服务: notices, the canteen and shops nearby (the community module's resident side).
        { path: 'notices', element: lazyPage(() => import('./community/NoticesPage.tsx')) },
        { path: 'notices/:id', element: lazyPage(() => import('./community/NoticePage.tsx')) },
        { path: 'canteen', element: lazyPage(() => import('./community/CanteenPage.tsx')) },
        { path: 'shops', element: lazyPage(() => import('./community/ShopsPage.tsx')) },
        { path: '*', element: <Navigate to="/m" replace /> },
      ],
    },
  ],
});
