// 新建项目: name, year, compounds (searched in the user's scope; more than one = 片区) and
// the future-community flag → POST /projects, then open the new project.
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { createProject, projectKeys, searchCompounds } from './api.ts';
import type { NewProject } from './types.ts';

interface Values {
  name: string;
  year: number;
  compoundIds: string[];
  futureCommunity: boolean;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export default function NewProjectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const compounds = useQuery({ queryKey: projectKeys.compounds(q), queryFn: () => searchCompounds(q), enabled: open });
  const selected = Form.useWatch('compoundIds', form) ?? [];

  const create = useMutation({
    mutationFn: (body: NewProject) => createProject(body),
    onSuccess: async (project) => {
      await client.invalidateQueries({ queryKey: projectKeys.all });
      form.resetFields();
      onClose();
      navigate(`/projects/${project.id}`);
    },
  });

  const options = (compounds.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.name,
    desc: `${c.address} · ${c.floorAreaM2} ㎡`,
  }));

  return (
    <Modal
      open={open}
      title={t('projects.new')}
      okText={t('projects.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'new-project-submit' }}
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="new-project-form"
        initialValues={{ year: new Date().getFullYear(), compoundIds: [], futureCommunity: false }}
        onFinish={(v) =>
          create.mutate({ name: v.name.trim(), year: v.year, compoundIds: v.compoundIds, futureCommunity: v.futureCommunity })
        }
      >
        <Form.Item name="name" label={t('projects.fields.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="new-project-name" placeholder={t('projects.fields.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="year" label={t('projects.fields.year')} rules={[{ required: true }]}>
          <InputNumber<number> data-testid="new-project-year" min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="compoundIds"
          label={t('projects.fields.compounds')}
          rules={[{ required: true, type: 'array', min: 1, message: t('projects.fields.compoundsRequired') }]}
          extra={selected.length > 1 ? <Tag color="orange">{t('projects.clusterHint', { count: selected.length })}</Tag> : undefined}
        >
          <Select<string[]>
            data-testid="new-project-compounds"
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('projects.fields.compoundsPlaceholder')}
            loading={compounds.isFetching}
            notFoundContent={compounds.isFetching ? t('common.loading') : t('common.empty')}
            options={options}
            labelRender={({ value, label }) => label ?? labels[String(value)] ?? String(value)}
            onChange={(_ids, opts) => {
              const list = (Array.isArray(opts) ? opts : [opts]).filter((o) => o !== undefined);
              setLabels((l) => ({ ...l, ...Object.fromEntries(list.map((o) => [String(o.value), String(o.label)])) }));
            }}
            optionRender={(o) => (
              <div data-testid="compound-option">
                <div>{o.data.label}</div>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{o.data.desc}</div>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item name="futureCommunity" valuePropName="checked">
          <Checkbox data-testid="new-project-future">{t('projects.fields.futureCommunity')}</Checkbox>
        </Form.Item>
      </Form>
      {create.isError && <Alert type="error" showIcon title={t('projects.createFailed')} description={errorMessage(create.error)} />}
    </Modal>
  );
}
