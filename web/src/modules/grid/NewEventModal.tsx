// 登记事件: staff file an event from the desk (a call, a visit, a letter) at a compound's building. Open events of
// the same category nearby are shown, with links, before the button that files (then 仍然登记), so a known problem
// is followed rather than filed twice.
import { Alert, Form, Input, List, Modal, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCategories, fetchDuplicates, gridKeys } from './api.ts';
import { categoryName, stateName } from './labels.ts';

interface Draft {
  category: string;
  compoundId: string;
  buildingId?: string;
  description: string;
}

export default function NewEventModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Draft>();
  const category = Form.useWatch('category', form);
  const compoundId = Form.useWatch('compoundId', form);
  const buildingId = Form.useWatch('buildingId', form);
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories, enabled: open });
  const compounds = useQuery({
    queryKey: ['grid', 'compounds-in-scope'],
    queryFn: () => api.get('/api/v1/compounds', { query: { limit: 500 } }),
    enabled: open,
  });
  const compound = useQuery({
    queryKey: ['grid', 'compound', compoundId],
    queryFn: () => api.get('/api/v1/compounds/{id}', { params: { id: compoundId } }),
    enabled: open && !!compoundId,
  });
  const duplicates = useQuery({
    queryKey: ['grid', 'duplicates', category, compoundId, buildingId],
    queryFn: () =>
      fetchDuplicates({ category, ...(buildingId ? { buildingId } : {}), ...(compoundId && !buildingId ? { compoundId } : {}) }),
    enabled: open && !!category && !!compoundId,
  });
  const file = useMutation({
    mutationFn: (d: Draft) =>
      api.post('/api/v1/grid-events', {
        body: {
          category: d.category,
          description: d.description.trim(),
          compoundId: d.compoundId,
          ...(d.buildingId ? { buildingId: d.buildingId } : {}),
          source: 'staff',
        },
      }),
    onSuccess: (created) => {
      onClose();
      void navigate(`/grid-events/${created.id}`);
    },
  });
  const nearby = duplicates.data?.items ?? [];
  const catName = (code: string) => categoryName(categories.data?.items, code, i18n.language, t);

  return (
    <Modal
      open={open}
      title={t('gridEvents.staff.newTitle')}
      okText={nearby.length ? t('gridEvents.staff.fileAnyway') : t('gridEvents.staff.file')}
      cancelText={t('gridEvents.resident.cancel')}
      confirmLoading={file.isPending}
      onOk={() => void form.validateFields().then((d) => file.mutate(d))}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'grid-new-submit' }}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="category"
          label={t('gridEvents.staff.columns.category')}
          rules={[{ required: true, message: t('gridEvents.staff.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={categories.isLoading}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: catName(c.code) }))}
            data-testid="grid-new-category"
          />
        </Form.Item>
        <Form.Item
          name="compoundId"
          label={t('gridEvents.resident.compound')}
          rules={[{ required: true, message: t('gridEvents.staff.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={compounds.isLoading}
            onChange={() => form.setFieldValue('buildingId', undefined)}
            options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="grid-new-compound"
          />
        </Form.Item>
        <Form.Item name="buildingId" label={t('gridEvents.grids.buildings')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!compoundId}
            loading={compound.isLoading && !!compoundId}
            placeholder={t('gridEvents.staff.wholeCompound')}
            options={(compound.data?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))}
            data-testid="grid-new-building"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('gridEvents.staff.columns.description')}
          rules={[{ required: true, whitespace: true, message: t('gridEvents.staff.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={4000} showCount data-testid="grid-new-description" />
        </Form.Item>
      </Form>
      {nearby.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="grid-new-duplicates"
          title={t('gridEvents.staff.nearby', { count: nearby.length })}
          description={
            <List
              size="small"
              dataSource={nearby.slice(0, 5)}
              renderItem={(d) => (
                <List.Item>
                  <Link to={`/grid-events/${d.id}`} onClick={onClose}>
                    {catName(d.category)} · {stateName(t, d.state)} · {t('gridEvents.staff.metres', { m: Math.round(d.distanceM) })}
                  </Link>
                </List.Item>
              )}
            />
          }
        />
      )}
      {file.isError && <ProblemAlert title={t('gridEvents.staff.fileFailed')} error={file.error} testId="grid-new-failed" />}
    </Modal>
  );
}
