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
        { path: '*', element: <Navigate to="/m" replace /> },
      ],
    },
  ],
});
