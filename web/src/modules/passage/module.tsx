// 通行管理 for the property desk: a compound's visitor passes, registered vehicles, and the lists pushed to its gates
// and barriers (with the public key gates verify codes with).
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';

export const passageDeskModule = defineWebModule({
  name: 'passage',
  shellRoutes: [{ path: 'passage', element: lazyPage(() => import('./PassageDeskPage.tsx')) }],
  menu: [{ key: '/passage', icon: <SafetyCertificateOutlined />, label: 'passageDesk.menu', permission: 'passage.manage', order: 93 }],
});
