// The policy rules' page and menu entry.
import { AuditOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const policyModule = defineWebModule({
  name: 'policy',
  shellRoutes: [{ path: 'policy-rules', element: lazyPage(() => import('./PolicyRulesPage.tsx')) }],
  menu: [
    {
      key: '/policy-rules',
      icon: <AuditOutlined />,
      label: 'menu.policyRules',
      permission: ['projects.write', 'policy.publish'],
      order: 60,
    },
  ],
});
