// An institution's evaluator accounts: each answers this institution's sample surveys only.
// Anyone who manages evaluation sees them; the account administrator (accounts.manage) sets them.
import { useState } from 'react';
import { App, Button, Input, List, Modal, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { addInstitutionMember, fetchInstitutionMembers, institutionMembersKey, removeInstitutionMember } from './api.ts';
import type { Institution } from './types.ts';

export default function MembersModal({ institution, onClose }: { institution: Institution; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const key = institutionMembersKey(institution.id);
  const members = useQuery({ queryKey: key, queryFn: () => fetchInstitutionMembers(institution.id) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['evaluation', 'institutions'] });
  const add = useMutation({
    mutationFn: () => addInstitutionMember(institution.id, username.trim()),
    onSuccess: (m) => {
      void message.success(t('evaluation.members.added', { name: m.displayName }));
      setUsername('');
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (userId: string) => removeInstitutionMember(institution.id, userId), onSuccess: refresh });
  const mayEdit = can('accounts.manage');
  return (
    <Modal
      open
      title={t('evaluation.members.title', { name: institution.name })}
      onCancel={onClose}
      footer={null}
      data-testid="members-modal"
    >
      <Typography.Paragraph type="secondary">{t('evaluation.members.hint')}</Typography.Paragraph>
      {members.isError && <ProblemAlert title={t('common.error')} error={members.error} testId="members-problem" />}
      <List
        size="small"
        loading={members.isLoading}
        dataSource={members.data?.items ?? []}
        locale={{ emptyText: t('evaluation.members.empty') }}
        renderItem={(m) => (
          <List.Item
            data-testid="member-row"
            data-username={m.username}
            actions={
              mayEdit
                ? [
                    <Popconfirm key="remove" title={t('evaluation.members.removeConfirm')} onConfirm={() => remove.mutate(m.userId)}>
                      <Button size="small" type="link" danger data-testid="member-remove">
                        {t('evaluation.members.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta title={`${m.displayName}（${m.username}）`} description={formatAt(m.addedAt, i18n.language)} />
          </List.Item>
        )}
      />
      {mayEdit && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            data-testid="member-username"
            placeholder={t('evaluation.members.username')}
            value={username}
            maxLength={64}
            onChange={(e) => setUsername(e.target.value)}
            onPressEnter={() => username.trim() && add.mutate()}
          />
          <Button type="primary" data-testid="member-add" disabled={!username.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            {t('evaluation.members.add')}
          </Button>
        </Space.Compact>
      )}
      {add.isError && (
        <ProblemAlert title={t('evaluation.members.addFailed')} error={add.error} testId="member-problem" onClose={() => add.reset()} />
      )}
      {remove.isError && <ProblemAlert title={t('common.error')} error={remove.error} onClose={() => remove.reset()} />}
    </Modal>
  );
}
