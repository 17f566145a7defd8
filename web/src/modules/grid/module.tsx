// 网格治理: the grid module's pages and menu entries. The governance dashboard's come from dashboard.module.tsx.
import { defineWebModule } from '../../app/webModule.tsx';
import { gridDashboardMenu, gridDashboardShellRoutes } from './dashboard.module.tsx';

export const gridModule = defineWebModule({
  name: 'grid',
  shellRoutes: [...gridDashboardShellRoutes],
  menu: [...gridDashboardMenu],
});
