// The ballots' public pages: a receipt's or a notice's check (public, no sign-in: a paper voter has no account)
// and a closed ballot's printable public notice (公示) inside the shell.
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const participationModule = defineWebModule({
  name: 'participation',
  routes: [{ path: '/verify/ballots/:id', element: lazyPage(() => import('./BallotCheckPage.tsx')) }],
  shellRoutes: [{ path: 'ballots/:id/notice', element: lazyPage(() => import('./BallotNoticePage.tsx')) }],
});
