// The year plan's page and menu entry.
import { BarChartOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const yearplanModule = defineWebModule({
  name: 'yearplan',
  shellRoutes: [{ path: 'year-plan', element: lazyPage(() => import('./YearPlanPage.tsx')) }],
  menu: [
    {
      key: '/year-plan',
      icon: <BarChartOutlined />,
      label: 'menu.yearPlan',
      permission: ['projects.write', 'funding.disburse'],
      order: 40,
    },
  ],
});
