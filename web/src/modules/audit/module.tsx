// 审计日志 (issue 16, item 8): the city-wide audit log, for those holding audit.read (the city's administrator).
import { AuditOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const auditModule = defineWebModule({
  name: 'audit',
  shellRoutes: [{ path: 'audit', element: lazyPage(() => import('./AuditPage.tsx')) }],
  menu: [{ key: '/audit', icon: <AuditOutlined />, label: 'forms.audit.menu', permission: 'audit.read', order: 97 }],
});
