// The accounts module's pages: the officers' login.
import { defineWebModule } from '../../app/webModule.tsx';
import LoginPage from './LoginPage.tsx';

export const accountsModule = defineWebModule({
  name: 'accounts',
  routes: [{ path: '/login', element: <LoginPage /> }],
});
