// The lists the compound's gates and barriers work from offline: pushed again on request, with what each reached; and
// the compound's public key (what a gate verifies access codes with) folded away under 技术详情.
import { Alert, Button, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchAccessKey, passageDeskKeys, pushLists, type PushedLists } from './api.ts';

function PublicKey({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: passageDeskKeys.key(compoundId), queryFn: () => fetchAccessKey(compoundId) });
  if (q.isError) return <ProblemAlert title={t('passageDesk.keyFailed')} error={q.error} testId="access-key-error" />;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('passageDesk.publicKey')}>
        <Typography.Text code copyable={!!q.data} data-testid="access-key">
          {q.data?.publicKey ?? '…'}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('passageDesk.keyKind')}>{t('passageDesk.keyKindText')}</Descriptions.Item>
    </Descriptions>
  );
}

export default function ListsPanel({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const push = useMutation({ mutationFn: () => pushLists(compoundId) });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('passageDesk.listsHint')}
      </Typography.Paragraph>
      <Button type="primary" icon={<CloudUploadOutlined />} loading={push.isPending} onClick={() => push.mutate()} data-testid="lists-push">
        {t('passageDesk.push')}
      </Button>
      {push.isError && <ProblemAlert title={t('passageDesk.pushFailed')} error={push.error} testId="lists-push-error" />}
      {push.data && (
        <>
          {push.data.lists.some((l) => !l.published) && <Alert type="warning" showIcon title={t('passageDesk.notPublished')} />}
          <Table<PushedLists[number]>
            data-testid="lists-result"
            rowKey="list"
            size="small"
            bordered
            pagination={false}
            dataSource={push.data.lists}
            columns={[
              { title: t('passageDesk.columns.list'), key: 'list', render: (_, l) => t(`passageDesk.list.${l.list}`) },
              { title: t('passageDesk.columns.version'), key: 'version', render: (_, l) => l.version },
              { title: t('passageDesk.columns.entriesCount'), key: 'entries', render: (_, l) => l.entries },
              { title: t('passageDesk.columns.devices'), key: 'devices', render: (_, l) => l.devices },
              {
                title: t('passageDesk.columns.result'),
                key: 'published',
                render: (_, l) => (
                  <Tag color={l.published ? 'green' : 'orange'} data-testid="lists-result-state">
                    {t(l.published ? 'passageDesk.published' : 'passageDesk.unpublished')}
                  </Tag>
                ),
              },
            ]}
          />
        </>
      )}
      <Collapse
        size="small"
        items={[{ key: 'tech', label: t('passageDesk.technical'), children: <PublicKey compoundId={compoundId} /> }]}
        data-testid="passage-technical"
        data-tech=""
      />
    </Space>
  );
}
