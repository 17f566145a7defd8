// The projects' pages and menu entry: the list, one project, its printable summary.
import { ProjectOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const projectsModule = defineWebModule({
  name: 'projects',
  shellRoutes: [
    { path: 'projects', element: lazyPage(() => import('./ProjectsPage.tsx')) },
    { path: 'projects/:id', element: lazyPage(() => import('./ProjectPage.tsx')) },
    { path: 'projects/:id/summary', element: lazyPage(() => import('./ProjectSummaryPage.tsx')) },
  ],
  menu: [{ key: '/projects', icon: <ProjectOutlined />, label: 'menu.projects', permission: 'projects.read', order: 30 }],
});
