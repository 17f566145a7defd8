// 社区信息屏 (/community/screens): whether a compound's lobby screen has a link, and a new link on request (the old
// one stops at once); the new link is shown only once, since only its hash is kept.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchScreen, rotateScreen, staffKeys } from './api.ts';
import CompoundPicker from './CompoundPicker.tsx';

export default function ScreensPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [compoundId, setCompoundId] = useState<string>();
  const [link, setLink] = useState<string | null>(null);
  const q = useQuery({ queryKey: staffKeys.screen(compoundId ?? ''), queryFn: () => fetchScreen(compoundId!), enabled: !!compoundId });
  const rotate = useMutation({
    mutationFn: () => rotateScreen(compoundId!),
    onSuccess: (r) => {
      setLink(`${window.location.origin}${r.path}`);
      void queryClient.invalidateQueries({ queryKey: staffKeys.screen(r.compoundId) });
    },
  });
  return (
    <Card
      title={t('community.staff.screensTitle')}
      extra={<CompoundPicker value={compoundId} onChange={(id) => (setLink(null), setCompoundId(id))} testId="screens-compound" />}
    >
      <Typography.Paragraph type="secondary">{t('community.staff.screenHint')}</Typography.Paragraph>
      {!compoundId ? (
        <Empty description={t('community.common.pickCompound')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
          {q.data && (
            <Typography.Text data-testid="screen-status" data-configured={String(q.data.configured)}>
              {q.data.configured
                ? t('community.staff.configured', {
                    at: new Date(q.data.rotatedAt!).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
                      timeZone: 'Asia/Shanghai',
                    }),
                  })
                : t('community.staff.notConfigured')}
            </Typography.Text>
          )}
          <Popconfirm title={t('community.staff.rotateConfirm')} onConfirm={() => rotate.mutate()}>
            <Button type="primary" loading={rotate.isPending} data-testid="screen-rotate">
              {t('community.staff.rotate')}
            </Button>
          </Popconfirm>
          {rotate.isError && <ProblemAlert title={t('community.common.loadError')} error={rotate.error} />}
          {link && (
            <Alert
              type="success"
              showIcon
              title={t('community.staff.newLink')}
              description={
                <Space orientation="vertical">
                  <Typography.Text copyable code data-testid="screen-link">
                    {link}
                  </Typography.Text>
                  <a href={link} target="_blank" rel="noreferrer">
                    {t('community.staff.openScreen')}
                  </a>
                </Space>
              }
            />
          )}
        </Space>
      )}
    </Card>
  );
}
