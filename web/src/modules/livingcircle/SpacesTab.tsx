// 空间资源: scattered land, existing rooms and state-owned idle rooms in my scope, by kind and status; register
// one, and move it on (allocate, convert into a facility, put in use), each after a confirmation.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../app/api.ts';
import CursorTable from '../../app/CursorTable.tsx';
import { formatDecimal } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import ConvertSpaceModal from './ConvertSpaceModal.tsx';
import {
  allocateSpace,
  createSpace,
  fetchSpaces,
  importSpaces,
  spaceInUse,
  spacesTemplatePath,
  spaceKeys,
  spaceKinds,
  spaceStatuses,
  type SpaceKind,
  type SpaceResource,
  type SpaceStatus,
} from './spacesApi.ts';

const statusColour: Record<SpaceStatus, string> = { offered: 'blue', allocated: 'gold', converted: 'green', in_use: 'cyan' };

interface Values {
  kind: SpaceKind;
  name: string;
  areaM2: string;
  owner: string;
  lat: number;
  lng: number;
  address?: string;
  condition?: string;
}

function NewSpaceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      createSpace({
        kind: v.kind,
        name: v.name,
        areaM2: v.areaM2.trim(),
        owner: v.owner,
        lat: v.lat,
        lng: v.lng,
        address: v.address || null,
        condition: v.condition || null,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: spaceKeys.all });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('spaces.newSpace')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'state_room' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('spaces.kind')}>
          <Select options={spaceKinds.map((k) => ({ value: k, label: t(`spaces.kinds.${k}`) }))} data-testid="space-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('spaces.name')} rules={[{ required: true }]}>
          <Input data-testid="space-name" />
        </Form.Item>
        <Space>
          <Form.Item name="areaM2" label={t('spaces.area')} rules={[{ required: true, pattern: /^\d{1,10}(\.\d{1,2})?$/ }]}>
            <Input inputMode="decimal" style={{ width: 160 }} data-testid="space-area" />
          </Form.Item>
          <Form.Item name="owner" label={t('spaces.owner')} rules={[{ required: true }]}>
            <Input style={{ width: 240 }} data-testid="space-owner" />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="lat" label={t('spaces.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('spaces.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('spaces.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="condition" label={t('spaces.condition')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {save.isError && <ProblemAlert title={t('spaces.saveError')} error={save.error} />}
      </Form>
    </Modal>
  );
}

function AllocateButton({ space }: { space: SpaceResource }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const go = useMutation({
    mutationFn: () => allocateSpace(space.id, to.trim()),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: spaceKeys.all });
      setOpen(false);
    },
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`space-allocate-${space.id}`}>
        {t('spaces.allocate')}
      </Button>
      <Modal
        open={open}
        title={t('spaces.allocateTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => go.mutate()}
        okButtonProps={{ disabled: !to.trim(), loading: go.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph>{space.name}</Typography.Paragraph>
        <Input placeholder={t('spaces.allocatedTo')} value={to} onChange={(e) => setTo(e.target.value)} />
        {go.isError && <ProblemAlert title={t('spaces.actionError')} error={go.error} />}
      </Modal>
    </>
  );
}

function InUseButton({ space }: { space: SpaceResource }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const go = useMutation({
    mutationFn: () => spaceInUse(space.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: spaceKeys.all }),
  });
  return (
    <Popconfirm title={t('spaces.inUseConfirm')} onConfirm={() => go.mutate()}>
      <Button size="small" loading={go.isPending}>
        {t('spaces.inUse')}
      </Button>
    </Popconfirm>
  );
}

/** The action the space's status allows, for an account allowed it. */
export function SpaceAction({ space }: { space: SpaceResource }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [converting, setConverting] = useState(false);
  if (space.status === 'offered' && can('spaceresources.manage')) return <AllocateButton space={space} />;
  if (space.status === 'allocated' && can('spaceresources.convert'))
    return (
      <>
        <Button size="small" type="primary" onClick={() => setConverting(true)} data-testid={`space-convert-${space.id}`}>
          {t('spaces.convert')}
        </Button>
        <ConvertSpaceModal space={space} open={converting} onClose={() => setConverting(false)} />
      </>
    );
  if (space.status === 'converted' && can('spaceresources.manage')) return <InUseButton space={space} />;
  return null;
}

/** Import a spreadsheet of space resources (rows refused by line and column, nothing written if one is bad), and its template. */
function ImportSpaces({ onError }: { onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        customRequest={({ file, onSuccess, onError: failed }) => {
          onError(null);
          importSpaces(file as File)
            .then((r) => {
              onSuccess?.(r);
              void message.success(t('spaces.imported', { created: r.created, unchanged: r.unchanged }));
              void client.invalidateQueries({ queryKey: spaceKeys.all });
            })
            .catch((err: unknown) => {
              failed?.(err as Error);
              onError(err);
            });
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="spaces-import">
          {t('spaces.import')}
        </Button>
      </Upload>
      <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(spacesTemplatePath(), 'spaces-template.xlsx')}>
        {t('spaces.template')}
      </Button>
    </>
  );
}

export default function SpacesTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [importError, setImportError] = useState<unknown>(null);
  const [kind, setKind] = useState<SpaceKind | undefined>();
  const [status, setStatus] = useState<SpaceStatus | undefined>();
  const [adding, setAdding] = useState(false);
  const list = useInfiniteQuery({
    queryKey: spaceKeys.list(kind, status),
    queryFn: ({ pageParam }) => fetchSpaces(kind, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<SpaceResource> = [
    { title: t('spaces.name'), key: 'name', render: (_, s) => s.name },
    { title: t('spaces.kind'), key: 'kind', render: (_, s) => t(`spaces.kinds.${s.kind}`) },
    { title: t('spaces.area'), key: 'area', align: 'right', render: (_, s) => formatDecimal(s.areaM2) },
    { title: t('spaces.owner'), key: 'owner', render: (_, s) => s.owner },
    { title: t('spaces.condition'), key: 'condition', render: (_, s) => s.condition ?? '—' },
    {
      title: t('spaces.statusLabel'),
      key: 'status',
      render: (_, s) => (
        <Tag color={statusColour[s.status]} data-testid={`space-status-${s.id}`}>
          {t(`spaces.status.${s.status}`)}
        </Tag>
      ),
    },
    {
      title: t('spaces.became'),
      key: 'became',
      render: (_, s) => (s.conversion ? t(`circle.kinds.${s.conversion.kind}`) : (s.allocatedTo ?? '—')),
    },
    { title: t('spaces.place'), key: 'place', render: (_, s) => `${s.lat.toFixed(5)}, ${s.lng.toFixed(5)}` },
    { title: '', key: 'action', render: (_, s) => <SpaceAction space={s} /> },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('spaces.allKinds')}
          value={kind}
          onChange={setKind}
          options={spaceKinds.map((k) => ({ value: k, label: t(`spaces.kinds.${k}`) }))}
          data-testid="spaces-kind"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('spaces.allStatuses')}
          value={status}
          onChange={setStatus}
          options={spaceStatuses.map((s) => ({ value: s, label: t(`spaces.status.${s}`) }))}
          data-testid="spaces-status"
        />
        {can('spaceresources.manage') && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="space-new">
              {t('spaces.newSpace')}
            </Button>
            <ImportSpaces onError={setImportError} />
          </>
        )}
      </Space>
      {importError !== null && <ProblemAlert title={t('spaces.importError')} error={importError} onClose={() => setImportError(null)} />}
      <CursorTable
        query={list}
        rows={rows}
        columns={columns}
        testId="spaces"
        emptyText={t('spaces.noSpaces')}
        scrollX={1100}
        exportName="spaces"
      />
      <NewSpaceModal open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}
