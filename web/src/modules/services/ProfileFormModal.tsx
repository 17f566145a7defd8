// 新建 / 修改照护档案: an older resident's care profile, kept by a community worker: name, mobile, birth date,
// gender, compound, living alone, care level, needs and preferences (the carer's gender, dialect), notes. A change
// replaces the whole profile (PUT), so editing starts from the full record (a read that is audited).
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { createProfile, fetchCatalogue, svcKeys, updateProfile, type CareProfile, type CareProfileFull, type ProfileBody } from './api.ts';
import { localName } from './labels.ts';
import { useScopeCompounds } from './OrdersPage.tsx';

type Values = Omit<ProfileBody, 'householdId' | 'residentId'>;

interface Props {
  open: boolean;
  /** The profile to change (in full), or none to create one. */
  profile?: CareProfileFull;
  onClose: () => void;
  onSaved?: (p: CareProfile) => void;
}

export default function ProfileFormModal({ open, profile, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const compounds = useScopeCompounds();
  const { form, save, modalProps } = useFormModal<Values, ProfileBody, CareProfile>({
    mutationFn: (body) => (profile ? updateProfile(profile.id, body) : createProfile(body)),
    onDone: (saved) => {
      void message.success(t('svc.profile.saved'));
      void qc.invalidateQueries({ queryKey: svcKeys.all });
      onSaved?.(saved);
    },
    onClose,
    submitTestId: 'svc-profile-save',
  });
  const names = (list: { code: string; name: { zh: string; en: string } }[] | undefined) =>
    (list ?? []).map((e) => ({ value: e.code, label: localName(e.name, i18n.language) }));
  const genders = ['female', 'male'].map((g) => ({ value: g, label: t(`svc.gender.${g}`) }));
  const initial: Partial<Values> = profile
    ? {
        name: profile.name,
        phone: profile.phone,
        birthDate: profile.birthDate,
        gender: profile.gender,
        compoundId: profile.compoundId,
        livingAlone: profile.livingAlone,
        careLevel: profile.careLevel,
        needs: profile.needs,
        carerGender: profile.carerGender,
        dialect: profile.dialect,
        notes: profile.notes,
      }
    : { livingAlone: false, needs: [] };

  return (
    <Modal
      {...modalProps}
      open={open}
      title={profile ? t('svc.profile.editTitle') : t('svc.profile.newTitle')}
      okText={t('svc.save')}
      cancelText={t('svc.cancel')}
      width={600}
    >
      {save.isError && <ProblemAlert title={t('svc.profile.saveFailed')} error={save.error} testId="svc-profile-failed" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate({
            ...v,
            phone: v.phone?.trim() || null,
            carerGender: v.carerGender ?? null,
            dialect: v.dialect ?? null,
            notes: v.notes?.trim() || null,
            householdId: profile?.householdId ?? null,
            residentId: profile?.residentId ?? null,
          })
        }
        data-testid="svc-profile-form"
      >
        <Form.Item name="name" label={t('svc.profile.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input data-testid="svc-profile-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('svc.profile.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('svc.profile.phoneInvalid') }]}>
          <Input data-testid="svc-profile-phone" inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t('svc.profile.birthDate')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('svc.profile.birthDateInvalid') }]}
        >
          <Input placeholder="1940-05-20" data-testid="svc-profile-birth" />
        </Form.Item>
        <Form.Item name="gender" label={t('svc.profile.gender')} rules={[{ required: true }]}>
          <Select options={genders} data-testid="svc-profile-gender" />
        </Form.Item>
        <Form.Item name="compoundId" label={t('svc.order.compound')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={compounds.isPending}
            options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="svc-profile-compound"
          />
        </Form.Item>
        <Form.Item name="livingAlone" label={t('svc.profile.livingAlone')} valuePropName="checked">
          <Switch data-testid="svc-profile-alone" />
        </Form.Item>
        <Form.Item name="careLevel" label={t('svc.profile.careLevel')} rules={[{ required: true }]}>
          <Select options={names(catalogue.data?.careLevels)} data-testid="svc-profile-level" />
        </Form.Item>
        <Form.Item name="needs" label={t('svc.profile.needs')}>
          <Select mode="multiple" options={names(catalogue.data?.needs)} data-testid="svc-profile-needs" />
        </Form.Item>
        <Form.Item name="carerGender" label={t('svc.profile.carerGender')}>
          <Select allowClear options={genders} data-testid="svc-profile-carer" />
        </Form.Item>
        <Form.Item name="dialect" label={t('svc.profile.dialect')}>
          <Select allowClear options={names(catalogue.data?.dialects)} data-testid="svc-profile-dialect" />
        </Form.Item>
        <Form.Item name="notes" label={t('svc.profile.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="svc-profile-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
