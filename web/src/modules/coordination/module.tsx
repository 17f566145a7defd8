// The coordination's pages and menu entry: the year's packages and rules, one schedule.
import { CalendarOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const coordinationModule = defineWebModule({
  name: 'coordination',
  shellRoutes: [
    { path: 'coordination', element: lazyPage(() => import('./CoordinationPage.tsx')) },
    { path: 'coordination/schedules/:id', element: lazyPage(() => import('./SchedulePage.tsx')) },
  ],
  menu: [
    {
      key: '/coordination',
      icon: <CalendarOutlined />,
      label: 'menu.coordination',
      permission: ['packages.write', 'schedules.run', 'plan.review'],
      order: 80,
    },
  ],
});
