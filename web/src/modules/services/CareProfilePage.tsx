// One care profile (/services/care-profiles/:id): masked by default; 查看完整信息 reads it in full (name, mobile,
// birth date, address, notes, family), a read the server audits, so it is asked for and confirmed each time. From
// here a worker changes the profile, links a family member who may order for the elder, and orders for the elder.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import RevealReasonModal from '../../app/RevealReasonModal.tsx';
import { useAuth } from '../accounts/index.ts';
import {
  FAMILY_RELATIONS,
  fetchCatalogue,
  fetchProfile,
  fetchProfilePersonal,
  linkFamily,
  svcKeys,
  type CareProfile,
  type CareProfileFull,
  type FamilyRelation,
} from './api.ts';
import { catalogueName, formatAt } from './labels.ts';
import OrderForElderModal from './OrderForElderModal.tsx';
import ProfileFormModal from './ProfileFormModal.tsx';

export default function CareProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const profile = useQuery({ queryKey: svcKeys.profile(id), queryFn: () => fetchProfile(id) });
  if (profile.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (profile.isError)
    return (
      <LoadFailure
        error={profile.error}
        title={t('svc.profile.loadFailed')}
        notFoundTitle={t('svc.profile.notFound')}
        testId="svc-profile"
        onRetry={() => void profile.refetch()}
      />
    );
  return <ProfileView key={profile.data.updatedAt} p={profile.data} />;
}

function ProfileView({ p }: { p: CareProfile }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [full, setFull] = useState<CareProfileFull | null>(null);
  const [editing, setEditing] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [linking, setLinking] = useState(false);
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  // The reason asked before the first full read is kept for the re-reads that follow (after linking family).
  const [reason, setReason] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ then?: () => void } | null>(null);
  const reveal = useMutation({ mutationFn: (why: string) => fetchProfilePersonal(p.id, why), onSuccess: setFull });
  const [linkForm] = Form.useForm<{ phone: string; relation: FamilyRelation }>();
  const link = useMutation({
    mutationFn: (v: { phone: string; relation: FamilyRelation }) => linkFamily(p.id, v),
    onSuccess: async () => {
      setLinking(false);
      linkForm.resetFields();
      void message.success(t('svc.profile.linked'));
      await qc.invalidateQueries({ queryKey: svcKeys.all });
      if (full && reason) reveal.mutate(reason);
    },
  });
  const lang = i18n.language;
  const cat = catalogue.data;
  const askReveal = (then?: () => void) => setAsking({ then });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="svc-profile" data-revealed={full ? 'true' : 'false'}>
      <Card
        title={
          <Space wrap>
            <Link to="/services/care-profiles">{t('svc.menu.profiles')}</Link>
            <span>/</span>
            <span data-testid="svc-profile-name-shown">{full ? full.name : p.nameMasked}</span>
            {full && <Tag color="red">{t('svc.profile.fullTag')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {can('personal.read') && !full && (
              <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => askReveal()} data-testid="svc-profile-reveal">
                {t('svc.profile.reveal')}
              </Button>
            )}
            {can('care.manage') && (can('personal.read') || full) && (
              <Button onClick={() => (full ? setEditing(true) : askReveal(() => setEditing(true)))} data-testid="svc-profile-edit">
                {t('svc.profile.edit')}
              </Button>
            )}
            {can('care.manage') && (
              <Button onClick={() => setLinking(true)} data-testid="svc-profile-link">
                {t('svc.profile.link')}
              </Button>
            )}
            {can('services.order') && (
              <Button type="primary" onClick={() => setOrdering(true)} data-testid="svc-profile-order">
                {t('svc.orderFor.title')}
              </Button>
            )}
          </Space>
        }
      >
        {reveal.isError && <ProblemAlert title={t('svc.profile.revealFailed')} error={reveal.error} testId="svc-profile-reveal-failed" />}
        {full && <Alert type="warning" showIcon title={t('svc.profile.audited')} style={{ marginBottom: 12 }} />}
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('svc.profile.phone')}>
            <span data-testid="svc-profile-phone-shown">{(full ? full.phone : p.phoneMasked) ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.gender')}>{t(`svc.gender.${p.gender}`)}</Descriptions.Item>
          <Descriptions.Item label={full ? t('svc.profile.birthDate') : t('svc.profile.ageBand')}>
            {full ? `${full.birthDate}（${t('svc.profile.age', { age: full.age })}）` : p.ageBand}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.order.compound')}>{p.compoundName ?? '—'}</Descriptions.Item>
          {full && <Descriptions.Item label={t('svc.profile.address')}>{full.address ?? '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('svc.profile.livingAlone')}>{p.livingAlone ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.careLevel')}>{catalogueName(cat?.careLevels, p.careLevel, lang, t)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.needs')}>
            {p.needs.length ? p.needs.map((n) => catalogueName(cat?.needs, n, lang, t)).join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.carerGender')}>
            {p.carerGender ? t(`svc.gender.${p.carerGender}`) : t('svc.profile.any')}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.dialect')}>
            {p.dialect ? catalogueName(cat?.dialects, p.dialect, lang, t) : t('svc.profile.any')}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.updatedAt')}>{formatAt(p.updatedAt, lang)}</Descriptions.Item>
          {full?.notes && <Descriptions.Item label={t('svc.profile.notes')}>{full.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('svc.profile.familyTitle', { count: p.familyCount })} data-testid="svc-profile-family">
        {full ? (
          <Table
            size="small"
            rowKey="residentId"
            pagination={false}
            dataSource={full.family}
            locale={{ emptyText: t('svc.profile.noFamily') }}
            columns={[
              {
                title: t('svc.profile.relation'),
                key: 'r',
                render: (_, f) => t(`services.relation.${f.relation}`, { defaultValue: f.relation }),
              },
              { title: t('svc.profile.linkedAt'), key: 'at', render: (_, f) => formatAt(f.linkedAt, lang) },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('svc.profile.familyMasked', { count: p.familyCount })}</Typography.Text>
        )}
      </Card>
      {full && <ProfileFormModal open={editing} profile={full} onClose={() => setEditing(false)} onSaved={() => setFull(null)} />}
      <OrderForElderModal profileId={p.id} open={ordering} onClose={() => setOrdering(false)} />
      <RevealReasonModal
        open={asking !== null}
        initial="visit"
        okTestId="svc-profile-reveal-ok"
        onCancel={() => setAsking(null)}
        onConfirm={async (why) => {
          const then = asking?.then;
          setReason(why);
          await reveal.mutateAsync(why).catch(() => undefined);
          setAsking(null);
          then?.();
        }}
      />
      <Modal
        open={linking}
        title={t('svc.profile.link')}
        okText={t('svc.profile.linkOk')}
        cancelText={t('svc.cancel')}
        okButtonProps={{ loading: link.isPending, 'data-testid': 'svc-link-ok' } as never}
        onOk={() => linkForm.submit()}
        onCancel={() => {
          link.reset();
          setLinking(false);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('svc.profile.linkHint')}</Typography.Paragraph>
        {link.isError && <ProblemAlert title={t('svc.profile.linkFailed')} error={link.error} testId="svc-link-failed" />}
        <Form form={linkForm} layout="vertical" onFinish={(v) => link.mutate({ phone: v.phone.trim(), relation: v.relation })}>
          <Form.Item
            name="phone"
            label={t('svc.profile.familyPhone')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('svc.profile.phoneInvalid') }]}
          >
            <Input inputMode="tel" data-testid="svc-link-phone" />
          </Form.Item>
          <Form.Item name="relation" label={t('svc.profile.relation')} rules={[{ required: true }]}>
            <Select
              data-testid="svc-link-relation"
              options={FAMILY_RELATIONS.map((r) => ({ value: r, label: t(`services.relation.${r}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
