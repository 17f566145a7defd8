// 登记服务商: a company or an individual, its community, where it works from (latitude and longitude: the distance
// in matching is measured from there), the dialects its staff speak and the compounds it serves.
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchDivisions, registryKeys } from '../registry/index.ts';
import { createProvider, fetchCatalogue, svcKeys, type Provider, type ProviderBody } from './api.ts';
import { localName } from './labels.ts';
import { useScopeCompounds } from './OrdersPage.tsx';

export default function ProviderFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const qc = useQueryClient();
  const scope = user?.scope.division ?? '';
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const compounds = useScopeCompounds();
  // A community worker registers in their own community; a subdistrict officer picks one of its communities.
  const communities = useQuery({
    queryKey: registryKeys.divisions(scope),
    queryFn: () => fetchDivisions(scope),
    enabled: scope.length === 9,
    staleTime: 10 * 60_000,
  });
  const { form, save, modalProps } = useFormModal<ProviderBody, ProviderBody, Provider>({
    mutationFn: createProvider,
    onDone: (p) => {
      void message.success(t('svc.provider.saved'));
      void qc.invalidateQueries({ queryKey: svcKeys.all });
      onSaved(p.id);
    },
    onClose,
    submitTestId: 'svc-provider-save',
  });
  return (
    <Modal {...modalProps} open={open} title={t('svc.provider.newTitle')} okText={t('svc.save')} cancelText={t('svc.cancel')} width={600}>
      {save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={save.error} testId="svc-provider-failed" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'company', communityCode: scope.length === 12 ? scope : undefined, compoundIds: [], dialects: [] }}
        onFinish={(v) => save.mutate({ ...v, gender: v.gender ?? null })}
        data-testid="svc-provider-form"
      >
        <Form.Item name="kind" label={t('svc.provider.kind')} rules={[{ required: true }]}>
          <Select options={['company', 'individual'].map((k) => ({ value: k, label: t(`svc.providerKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('svc.provider.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="svc-provider-name" />
        </Form.Item>
        <Form.Item name="gender" label={t('svc.provider.gender')}>
          <Select allowClear options={['female', 'male'].map((g) => ({ value: g, label: t(`svc.gender.${g}`) }))} />
        </Form.Item>
        <Form.Item name="communityCode" label={t('svc.provider.community')} rules={[{ required: true }]}>
          {scope.length === 12 ? (
            <Select disabled options={[{ value: scope, label: t('svc.provider.ownCommunity') }]} />
          ) : (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={communities.isPending}
              options={(communities.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          )}
        </Form.Item>
        <Form.Item label={t('svc.provider.place')} required style={{ marginBottom: 0 }}>
          <Space.Compact block>
            <Form.Item name="lat" rules={[{ required: true }]} noStyle>
              <InputNumber
                min={-90}
                max={90}
                step={0.0001}
                placeholder={t('svc.provider.lat')}
                style={{ width: '50%' }}
                data-testid="svc-provider-lat"
              />
            </Form.Item>
            <Form.Item name="lng" rules={[{ required: true }]} noStyle>
              <InputNumber
                min={-180}
                max={180}
                step={0.0001}
                placeholder={t('svc.provider.lng')}
                style={{ width: '50%' }}
                data-testid="svc-provider-lng"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="dialects" label={t('svc.profile.dialect')} style={{ marginTop: 24 }}>
          <Select
            mode="multiple"
            options={(catalogue.data?.dialects ?? []).map((d) => ({ value: d.code, label: localName(d.name, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="compoundIds" label={t('svc.provider.compounds')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={compounds.isPending}
            options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="svc-provider-compounds"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
