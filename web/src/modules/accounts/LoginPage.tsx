// Sign-in page: username and password, with clear messages for 401 and 429. A locked account answers
// 401 like a wrong password (so no one can probe which accounts exist or are locked): the hint says so.
import { useState, type CSSProperties } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import LanguageSwitch from '../../app/LanguageSwitch.tsx';
import Logo from '../../app/Logo.tsx';
import { useAuth } from './AuthProvider.tsx';

interface LoginForm {
  username: string;
  password: string;
}

interface LoginFailure {
  title: string;
  /** Our own localized hint (unlock time, retry delay). */
  hint?: string;
  /** The server's problem detail, shown as sent. */
  detail?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  const target = next.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (user) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (err) {
      setFailure(describe(err, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={styles.page}>
      <div style={styles.lang}>
        <LanguageSwitch dark />
      </div>
      <div style={styles.brand}>
        <Logo size={52} />
        <div>
          <div style={styles.brandTitle}>{t('login.welcome')}</div>
          <div style={styles.brandSub}>Renova</div>
        </div>
      </div>
      <Card style={styles.card} styles={{ body: { padding: '32px 32px 20px' } }}>
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0, marginBottom: 24 }}>
          {t('login.title')}
        </Typography.Title>
        {failure && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            style={{ marginBottom: 20 }}
            title={failure.title}
            description={
              failure.hint || failure.detail ? (
                <>
                  {failure.hint && <div>{failure.hint}</div>}
                  {failure.detail && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {failure.detail}
                    </Typography.Text>
                  )}
                </>
              ) : undefined
            }
          />
        )}
        <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              placeholder={t('login.username')}
              autoComplete="username"
              autoFocus
            />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              placeholder={t('login.password')}
              autoComplete="current-password"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', marginBottom: 0 }}>
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
      <div style={styles.footer}>{t('app.footer')}</div>
    </div>
  );
}

function describe(err: unknown, t: (key: string, opts?: Record<string, unknown>) => string): LoginFailure {
  if (!(err instanceof ApiError)) return { title: t('login.failed'), detail: String(err) };
  const detail = err.problem.detail;
  const retry = err.retryAfter ? t('login.retryAfter', { seconds: err.retryAfter }) : undefined;
  switch (err.status) {
    case 401:
      return { title: t('login.wrongCredentials'), hint: t('login.lockHint'), detail };
    case 429:
      return { title: t('login.rateLimited'), hint: retry, detail };
    case 0:
      return { title: t('errors.network'), detail };
    default:
      return { title: t('login.failed'), detail: detail ?? err.problem.title };
  }
}

const styles = {
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    padding: '48px 16px',
    boxSizing: 'border-box',
    background:
      'radial-gradient(circle at 20% 20%, rgba(255,255,255,0.08), transparent 40%), linear-gradient(135deg, #0b3d91 0%, #1558b0 55%, #1f78d1 100%)',
    position: 'relative',
  },
  lang: { position: 'absolute', top: 16, right: 20 },
  brand: { display: 'flex', alignItems: 'center', gap: 16, marginBottom: 28, color: '#fff', maxWidth: 560 },
  brandTitle: { fontSize: 26, fontWeight: 600, letterSpacing: 2, lineHeight: 1.3 },
  brandSub: { fontSize: 13, opacity: 0.8, marginTop: 4 },
  card: { width: '100%', maxWidth: 400, borderRadius: 10, boxShadow: '0 12px 40px rgba(0, 20, 60, 0.35)' },
  footer: { color: 'rgba(255,255,255,0.7)', fontSize: 12, marginTop: 32 },
} satisfies Record<string, CSSProperties>;
