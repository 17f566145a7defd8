// The registry's pages and menu entries: the registry itself (the shell's home), a compound, the import.
import { DatabaseOutlined, UploadOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/webModule.tsx';
import RegistryPage from './RegistryPage.tsx';

export const registryModule = defineWebModule({
  name: 'registry',
  shellRoutes: [
    { path: 'registry', element: <RegistryPage /> },
    { path: 'compounds/:id', element: lazyPage(() => import('./CompoundPage.tsx')) },
    { path: 'import', element: lazyPage(() => import('./ImportPage.tsx')) },
  ],
  menu: [
    { key: '/registry', icon: <DatabaseOutlined />, label: 'menu.registry', permission: 'registry.read', order: 20 },
    { key: '/import', icon: <UploadOutlined />, label: 'menu.import', permission: 'registry.import', order: 120 },
  ],
});
