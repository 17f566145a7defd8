// 居民登录 (/m/login): phone → one-time code (with a resend countdown) → signed in.
// A resident already signed in (session cookie) goes straight on; a server without
// code sign-in says so instead of showing a form that cannot work.
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import LanguageSwitch from '../../app/LanguageSwitch.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { ME_KEY, useAuth } from '../accounts/index.ts';
import { fetchCodeEnabled, loginByCode, requestCode, residentKeys } from './api.ts';
import { MobileFrame } from '../../app/PhoneFrame.tsx';

const RESEND_SECONDS = 60;
const PHONE = /^1\d{10}$/;

interface Values {
  phone: string;
  code: string;
}

/** Only same-app paths under /m are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/m') && !next.startsWith('//') ? next : '/m';
}

function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until, now]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return [
    left,
    (seconds) => {
      const start = Date.now();
      setNow(start);
      setUntil(start + seconds * 1000);
    },
  ];
}

export default function ResidentLoginPage() {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Values>();
  const [left, startCountdown] = useCountdown();
  const [sentFor, setSentFor] = useState<number | null>(null);

  const enabled = useQuery({ queryKey: residentKeys.codeEnabled, queryFn: fetchCodeEnabled, staleTime: 60_000, retry: 1 });

  const send = useMutation({
    mutationFn: (phone: string) => requestCode(phone),
    onSuccess: (res) => {
      setSentFor(res.expiresInSeconds);
      startCountdown(RESEND_SECONDS);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 429) {
        const wait = Number(err.problem.retryAfterSeconds ?? err.retryAfter ?? RESEND_SECONDS);
        startCountdown(Number.isFinite(wait) && wait > 0 ? wait : RESEND_SECONDS);
      }
    },
  });

  const login = useMutation({
    mutationFn: (v: Values) => loginByCode(v.phone.trim(), v.code.trim()),
    onSuccess: ({ user: signedIn }) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, signedIn);
      void navigate(next, { replace: true });
    },
  });

  if (loading)
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" />
      </div>
    );
  if (user && !login.isPending) return <Navigate to={next} replace />;

  const sendCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      send.mutate(phone.trim());
    } catch {
      /* the field shows why */
    }
  };

  return (
    <MobileFrame>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <LanguageSwitch />
      </div>
      <div style={{ textAlign: 'center', margin: '24px 0 20px' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('resident.login.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.title')}</Typography.Text>
      </div>
      <Card data-testid="m-login">
        <Typography.Paragraph type="secondary">{t('resident.login.subtitle')}</Typography.Paragraph>
        {enabled.isPending && (
          <Space>
            <Spin size="small" />
            <Typography.Text type="secondary">{t('resident.login.checking')}</Typography.Text>
          </Space>
        )}
        {enabled.isError && <ProblemAlert title={t('common.error')} error={enabled.error} testId="m-login-problem" />}
        {enabled.data?.enabled === false && (
          <Alert type="warning" showIcon data-testid="m-login-disabled" title={t('resident.login.disabled')} />
        )}
        {enabled.data?.enabled && (
          <Form<Values> form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => login.mutate(v)}>
            <Form.Item
              name="phone"
              label={t('resident.login.phone')}
              rules={[{ required: true, pattern: PHONE, message: t('resident.login.phoneInvalid') }]}
              normalize={(v: string) => v.replace(/\D/g, '').slice(0, 11)}
            >
              <Input
                prefix={<MobileOutlined />}
                inputMode="numeric"
                autoComplete="tel"
                placeholder={t('resident.login.phonePlaceholder')}
                data-testid="m-phone"
              />
            </Form.Item>
            <Form.Item label={t('resident.login.code')} required>
              <div style={{ display: 'flex', gap: 8 }}>
                <Form.Item
                  name="code"
                  noStyle
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('resident.login.codeInvalid') }]}
                  normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
                >
                  <Input
                    prefix={<SafetyOutlined />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    placeholder={t('resident.login.codePlaceholder')}
                    data-testid="m-code"
                    style={{ flex: 1 }}
                  />
                </Form.Item>
                <Button
                  onClick={() => void sendCode()}
                  disabled={left > 0}
                  loading={send.isPending}
                  data-testid="m-send-code"
                  data-countdown={left}
                  style={{ minWidth: 128 }}
                >
                  {left > 0 ? t('resident.login.resendIn', { seconds: left }) : t('resident.login.sendCode')}
                </Button>
              </div>
            </Form.Item>
            {sentFor !== null && !send.isError && (
              <Alert
                style={{ marginBottom: 16 }}
                type="success"
                showIcon
                data-testid="m-code-sent"
                title={t('resident.login.sent', { minutes: Math.round(sentFor / 60) })}
              />
            )}
            {send.isError && (
              <div style={{ marginBottom: 16 }}>
                <ProblemAlert
                  title={t('resident.login.sendFailed')}
                  error={send.error}
                  testId="m-send-problem"
                  onClose={() => send.reset()}
                />
              </div>
            )}
            {login.isError && (
              <div style={{ marginBottom: 16 }}>
                <ProblemAlert
                  title={t('resident.login.failed')}
                  error={login.error}
                  testId="m-login-problem"
                  onClose={() => login.reset()}
                />
              </div>
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="m-login-submit">
              {t('resident.login.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, textAlign: 'center' }}>
        {t('resident.login.privacy')}
      </Typography.Paragraph>
    </MobileFrame>
  );
}
