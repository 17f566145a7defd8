// The facilities in my scope by need and name; add one at a point, or import a spreadsheet (rows refused by line
// and column, nothing written if one is bad).
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { downloadFile } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import {
  circleKeys,
  createFacility,
  fetchFacilities,
  importFacilities,
  kindsOf,
  needs,
  templatePath,
  type Facility,
  type Need,
} from './api.ts';

interface Values {
  name: string;
  need: Need;
  kind: string;
  lat: number;
  lng: number;
  capacity?: number;
  operator?: string;
}

function NewFacilityModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const need = Form.useWatch('need', form) ?? 'food';
  const save = useMutation({
    mutationFn: (v: Values) =>
      createFacility({
        name: v.name,
        need: v.need,
        kind: v.kind,
        lat: v.lat,
        lng: v.lng,
        capacity: v.capacity ?? null,
        operator: v.operator || null,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: circleKeys.all });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('circle.newFacility')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ need: 'food', kind: 'canteen' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('circle.name')} rules={[{ required: true }]}>
          <Input data-testid="facility-name" />
        </Form.Item>
        <Space>
          <Form.Item name="need" label={t('circle.need')}>
            <Select
              style={{ width: 180 }}
              options={needs.map((n) => ({ value: n, label: t(`circle.needs.${n}`) }))}
              onChange={(n: Need) => form.setFieldValue('kind', kindsOf[n][0])}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('circle.kind')}>
            <Select style={{ width: 200 }} options={kindsOf[need].map((k) => ({ value: k, label: t(`circle.kinds.${k}`) }))} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="lat" label={t('circle.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('circle.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="capacity" label={t('circle.capacity')}>
            <InputNumber min={0} max={999999} />
          </Form.Item>
          <Form.Item name="operator" label={t('circle.operator')}>
            <Input />
          </Form.Item>
        </Space>
        {save.isError && <ProblemAlert title={t('circle.saveError')} error={save.error} />}
      </Form>
    </Modal>
  );
}

export default function FacilitiesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const [need, setNeed] = useState<Need | undefined>();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [importError, setImportError] = useState<unknown>(null);
  const list = useInfiniteQuery({
    queryKey: circleKeys.facilities(need, q),
    queryFn: ({ pageParam }) => fetchFacilities(need, q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<Facility> = [
    { title: t('circle.name'), key: 'name', render: (_, f) => f.name },
    { title: t('circle.need'), key: 'need', render: (_, f) => t(`circle.needs.${f.need}`) },
    { title: t('circle.kind'), key: 'kind', render: (_, f) => t(`circle.kinds.${f.kind}`) },
    { title: t('circle.capacity'), key: 'capacity', align: 'right', render: (_, f) => f.capacity ?? '—' },
    { title: t('circle.operator'), key: 'operator', render: (_, f) => f.operator ?? '—' },
    {
      title: t('circle.hours'),
      key: 'hours',
      render: (_, f) =>
        (f.hours ?? []).map((h) => `${h.days.length === 7 ? t('circle.daily') : h.days.join('、')} ${h.open}–${h.close}`).join('；') || '—',
    },
    { title: t('circle.place'), key: 'place', render: (_, f) => `${f.lat.toFixed(5)}, ${f.lng.toFixed(5)}` },
  ];
  const manage = can('facilities.manage');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('circle.allNeeds')}
          value={need}
          onChange={setNeed}
          options={needs.map((n) => ({ value: n, label: t(`circle.needs.${n}`) }))}
        />
        <Input.Search allowClear placeholder={t('circle.searchName')} onSearch={setQ} style={{ width: 220 }} />
        {manage && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="facility-new">
              {t('circle.newFacility')}
            </Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                setImportError(null);
                importFacilities(file as File)
                  .then((r) => {
                    onSuccess?.(r);
                    void message.success(t('circle.imported', { created: r.created, unchanged: r.unchanged }));
                    void client.invalidateQueries({ queryKey: circleKeys.all });
                  })
                  .catch((err: unknown) => {
                    onError?.(err as Error);
                    setImportError(err);
                  });
              }}
            >
              <Button icon={<UploadOutlined />}>{t('circle.import')}</Button>
            </Upload>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(templatePath(), 'facilities-template.xlsx')}>
              {t('circle.template')}
            </Button>
          </>
        )}
      </Space>
      {importError !== null && <ProblemAlert title={t('circle.importError')} error={importError} onClose={() => setImportError(null)} />}
      <CursorTable
        query={list}
        rows={rows}
        columns={columns}
        testId="facilities"
        emptyText={t('circle.noFacilities')}
        scrollX={1000}
        exportName="facilities"
      />
      <NewFacilityModal open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}
