// The evaluation's pages and menu entries: the district assessment, third-party evaluation, exemplary cases.
import { FileSearchOutlined, FundOutlined, TrophyOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const evaluationModule = defineWebModule({
  name: 'evaluation',
  shellRoutes: [
    { path: 'assessments/:year?', element: lazyPage(() => import('./AssessmentPage.tsx')) },
    { path: 'evaluation', element: lazyPage(() => import('./EvaluationPage.tsx')) },
    { path: 'exemplary', element: lazyPage(() => import('./ExemplaryPage.tsx')) },
  ],
  menu: [
    {
      key: '/assessments',
      icon: <FundOutlined />,
      label: 'evaluation.menu.assessments',
      permission: ['assessment.enter', 'assessment.publish', 'evaluation.manage'],
      order: 90,
    },
    {
      key: '/evaluation',
      icon: <FileSearchOutlined />,
      label: 'evaluation.menu.thirdParty',
      permission: ['evaluation.manage', 'findings.close', 'sample.answer'],
      order: 100,
    },
    {
      key: '/exemplary',
      icon: <TrophyOutlined />,
      label: 'evaluation.menu.exemplary',
      permission: ['evaluation.manage', 'projects.write'],
      order: 110,
    },
  ],
});
