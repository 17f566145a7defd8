// Providers: TanStack Query, antd theme and locale (following i18next), session, router.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from '../modules/accounts/index.ts';
import { antdLocale } from './antdLocale.ts';
import { queryClient } from './queryClient.ts';
import { router } from './router.tsx';

const theme = {
  token: {
    colorPrimary: '#1558b0',
    colorInfo: '#1558b0',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerHeight: 56, siderBg: '#fff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f5f7fa' },
  },
};

function Themed() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={theme}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed />
    </QueryClientProvider>
  );
}
