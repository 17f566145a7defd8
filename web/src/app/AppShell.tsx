// The signed-in frame: header (user, role, language, sign-out), side menu, content.
import { useState, type CSSProperties } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Badge, Button, Grid, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../modules/accounts/index.ts';
import { useHome } from '../modules/home/index.ts';
import LanguageSwitch from './LanguageSwitch.tsx';
import { menuEntries } from './modules.ts';
import { menuVisible } from './webModule.tsx';
import Logo from './Logo.tsx';
import './print.css';

const { Header, Sider, Content, Footer } = Layout;

export default function AppShell() {
  const { t } = useTranslation();
  const { user, signOut, can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);

  // Every module's entries (app/modules.ts) the account's permissions open; the home (`/`) is selected on `/` only.
  const selected = menuEntries.find((e) => (e.key === '/' ? location.pathname === '/' : location.pathname.startsWith(e.key)))?.key ?? '';
  // What waits (the home's counts) beside the entries it concerns.
  const home = useHome(undefined, { enabled: !!user });
  const counts = new Map((home.data?.badges ?? []).map((b) => [b.key, b.count]));
  const items = menuEntries
    .filter((e) => menuVisible(e, can))
    .map((e) => {
      const count = counts.get(e.key) ?? 0;
      const label =
        count > 0 ? (
          <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', width: '100%', gap: 8 }}>
            <span>{t(e.label)}</span>
            <Badge count={count} overflowCount={999} size="small" data-testid="menu-count" data-key={e.key} data-count={count} />
          </span>
        ) : (
          t(e.label)
        );
      return { key: e.key, icon: e.icon, label };
    });

  const onLogout = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={styles.header} className="no-print">
        <Space size={12} align="center" style={{ minWidth: 0 }}>
          <Button
            type="text"
            aria-label="menu"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed((c) => !c)}
            style={{ color: '#fff' }}
          />
          <Logo size={30} />
          <Typography.Text style={styles.title} ellipsis>
            {mobile ? t('app.shortTitle') : t('app.title')}
          </Typography.Text>
        </Space>
        <Space size={mobile ? 8 : 16} style={{ flex: 'none' }}>
          <LanguageSwitch dark />
          {user && (
            <Space size={8} data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#fff', color: '#1558b0' }} />
              {!mobile && <span style={{ color: '#fff' }}>{user.displayName}</span>}
              {screens.lg && (
                <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="current-role">
                  {t(`roles.${user.role}`, { defaultValue: user.role })}
                </Tag>
              )}
            </Space>
          )}
          <Tooltip title={t('header.logout')}>
            <Button data-testid="logout" type="text" icon={<LogoutOutlined />} onClick={() => void onLogout()} style={{ color: '#fff' }}>
              {!mobile && t('header.logout')}
            </Button>
          </Tooltip>
        </Space>
      </Header>
      <Layout>
        <Sider
          theme="light"
          width={208}
          breakpoint="lg"
          collapsedWidth={mobile ? 0 : 64}
          collapsed={collapsed}
          onBreakpoint={(broken) => setCollapsed(broken)}
          trigger={null}
          style={styles.sider}
          className="no-print"
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            onClick={({ key }) => {
              navigate(key);
              if (mobile) setCollapsed(true);
            }}
          />
        </Sider>
        <Layout>
          <Content style={{ padding: mobile ? 12 : 20, minWidth: 0 }}>
            <Outlet />
          </Content>
          <Footer style={styles.footer} className="no-print">
            {t('app.footer')}
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

const styles = {
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: 12,
    padding: '0 16px',
    lineHeight: 'normal',
    background: 'linear-gradient(90deg, #0b3d91 0%, #1558b0 100%)',
    position: 'sticky',
    top: 0,
    zIndex: 100,
    boxShadow: '0 2px 8px rgba(0,21,41,0.25)',
  },
  title: { color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 1, maxWidth: '46vw', display: 'block' },
  sider: { borderInlineEnd: '1px solid #f0f0f0' },
  footer: { textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '12px 16px' },
} satisfies Record<string, CSSProperties>;
