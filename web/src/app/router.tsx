// Routes: each web module declares its own pages (app/modules.ts lists the modules): the ones outside the
// signed-in shell (the login, the residents' mobile web under /m, the overview's wall display), then the shell
// with every module's pages inside it (the home module's page is its index: each role's landing page).
import { createBrowserRouter } from 'react-router';
import AppShell from './AppShell.tsx';
import { webModules } from './modules.ts';
import NotFoundPage from './NotFoundPage.tsx';
import RequireAuth from './RequireAuth.tsx';

export const router = createBrowserRouter([
  ...webModules.flatMap((m) => m.routes ?? []),
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [...webModules.flatMap((m) => m.shellRoutes ?? []), { path: '*', element: <NotFoundPage /> }],
  },
]);
