// 网格管理 (/grids): the grids of a community, the buildings each covers and its grid workers; staff who manage
// grids draw a new one by picking a compound's buildings, change a grid's buildings, and name its grid workers.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Drawer, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { createGrid, fetchGrid, fetchGrids, fetchWorkerCandidates, gridKeys, setGridWorkers, updateGrid, type GridSummary } from './api.ts';

/** A community's compounds, and a picked compound's buildings (from the registry). */
function BuildingPicker({ community, value, onChange }: { community: string; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [compoundId, setCompoundId] = useState<string>();
  const compounds = useQuery({
    queryKey: ['grid', 'compounds', community],
    queryFn: () => api.get('/api/v1/compounds', { query: { division: community, limit: 500 } }),
    enabled: community.length === 12,
  });
  const compound = useQuery({
    queryKey: ['grid', 'compound', compoundId],
    queryFn: () => api.get('/api/v1/compounds/{id}', { params: { id: compoundId! } }),
    enabled: !!compoundId,
  });
  const buildings = compound.data?.buildings ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        style={{ width: '100%' }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('gridEvents.grids.pickCompound')}
        value={compoundId}
        onChange={setCompoundId}
        loading={compounds.isPending && community.length === 12}
        options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        data-testid="grids-compound"
      />
      {compoundId &&
        (buildings.length ? (
          <Checkbox.Group
            value={value}
            onChange={(ids) => onChange(ids as string[])}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="grids-buildings"
          />
        ) : (
          <Typography.Text type="secondary">{t('gridEvents.grids.noBuildings')}</Typography.Text>
        ))}
      <Typography.Text type="secondary">{t('gridEvents.grids.picked', { count: value.length })}</Typography.Text>
    </Space>
  );
}

/** A grid's workers: shown as tags; those who manage grids pick them from the community's grid worker accounts. */
function GridWorkers({ gridId, workers }: { gridId: string; workers: { id: string; displayName: string }[] }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string[] | null>(null);
  const candidates = useQuery({
    queryKey: ['grid', 'worker-candidates', gridId],
    queryFn: () => fetchWorkerCandidates(gridId),
    enabled: editing !== null,
  });
  const save = useMutation({
    mutationFn: (ids: string[]) => setGridWorkers(gridId, ids),
    onSuccess: async () => {
      setEditing(null);
      void message.success(t('gridEvents.grids.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.all });
    },
  });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('gridEvents.grids.workers')}
        </Typography.Title>
        {can('grid.manage') && editing === null && (
          <Button size="small" onClick={() => setEditing(workers.map((w) => w.id))} data-testid="grid-workers-edit">
            {t('gridEvents.grids.editWorkers')}
          </Button>
        )}
      </Space>
      {editing !== null ? (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            value={editing}
            onChange={setEditing}
            loading={candidates.isPending}
            placeholder={t('gridEvents.grids.pickWorkers')}
            notFoundContent={candidates.isPending ? null : t('gridEvents.grids.noCandidates')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(candidates.data?.items ?? workers).map((a) => ({ value: a.id, label: a.displayName }))}
            data-testid="grid-workers-select"
          />
          {candidates.isError && <ProblemAlert title={t('gridEvents.loadFailed')} error={candidates.error} />}
          {save.isError && <ProblemAlert title={t('gridEvents.grids.saveFailed')} error={save.error} />}
          <Space>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate(editing)} data-testid="grid-workers-save">
              {t('gridEvents.grids.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('gridEvents.resident.cancel')}</Button>
          </Space>
        </Space>
      ) : (
        <div style={{ marginTop: 8 }} data-testid="grid-workers">
          {workers.length ? (
            workers.map((w) => <Tag key={w.id}>{w.displayName}</Tag>)
          ) : (
            <Typography.Text type="secondary">{t('gridEvents.grids.noWorkers')}</Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}

function GridDrawer({ id, community, onClose }: { id: string | null; community: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string[] | null>(null);
  const grid = useQuery({ queryKey: gridKeys.grid(id ?? ''), queryFn: () => fetchGrid(id!), enabled: !!id });
  const save = useMutation({
    mutationFn: (buildingIds: string[]) => updateGrid(id!, { buildingIds }),
    onSuccess: async () => {
      setEditing(null);
      void message.success(t('gridEvents.grids.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.all });
    },
  });
  const g = grid.data;
  return (
    <Drawer open={!!id} onClose={onClose} title={g ? `${g.code} ${g.name}` : ''} size={480} data-testid="grid-drawer">
      {grid.isError && <ProblemAlert title={t('gridEvents.loadFailed')} error={grid.error} />}
      {g && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <GridWorkers gridId={g.id} workers={g.workers} />
          <div>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('gridEvents.grids.buildings')}
              </Typography.Title>
              {can('grid.manage') && editing === null && (
                <Button size="small" onClick={() => setEditing(g.buildings.map((b) => b.id))}>
                  {t('gridEvents.grids.editBuildings')}
                </Button>
              )}
            </Space>
            {editing !== null ? (
              <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                <BuildingPicker community={community || g.communityCode} value={editing} onChange={setEditing} />
                {save.isError && <ProblemAlert title={t('gridEvents.grids.saveFailed')} error={save.error} />}
                <Space>
                  <Button type="primary" loading={save.isPending} onClick={() => save.mutate(editing)}>
                    {t('gridEvents.grids.save')}
                  </Button>
                  <Button onClick={() => setEditing(null)}>{t('gridEvents.resident.cancel')}</Button>
                </Space>
              </Space>
            ) : (
              <List
                size="small"
                dataSource={g.buildings}
                locale={{ emptyText: t('gridEvents.grids.noBuildings') }}
                renderItem={(b) => (
                  <List.Item>
                    {b.compoundName} {b.name}
                  </List.Item>
                )}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}

export default function GridsPage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const own = user?.scope.division ?? '';
  const [community, setCommunity] = useState(own.length === 12 ? own : '');
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ code: '', name: '', buildingIds: [] as string[] });
  const communities = useQuery({
    queryKey: ['grid', 'communities', own],
    queryFn: () => api.get('/api/v1/divisions', { query: { parent: own } }),
    enabled: own.length === 9,
  });
  const grids = useQuery({ queryKey: gridKeys.grids(community), queryFn: () => fetchGrids(community || undefined) });
  const create = useMutation({
    mutationFn: () =>
      createGrid({ communityCode: community, code: draft.code.trim(), name: draft.name.trim(), buildingIds: draft.buildingIds }),
    onSuccess: async (g) => {
      setCreating(false);
      setDraft({ code: '', name: '', buildingIds: [] });
      void message.success(t('gridEvents.grids.created'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.all });
      setOpen(g.id);
    },
  });
  return (
    <Card
      title={t('gridEvents.grids.title')}
      data-testid="grids-page"
      extra={
        can('grid.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={community.length !== 12}
            onClick={() => setCreating(true)}
            data-testid="grids-new"
          >
            {t('gridEvents.grids.new')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('gridEvents.grids.hint')}</Typography.Text>
        {own.length === 9 && (
          <Select
            style={{ width: 260 }}
            allowClear
            placeholder={t('gridEvents.grids.pickCommunity')}
            value={community || undefined}
            onChange={(v) => setCommunity(v ?? '')}
            options={(communities.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
            data-testid="grids-community"
          />
        )}
        {grids.isError ? (
          <ProblemAlert title={t('gridEvents.loadFailed')} error={grids.error} />
        ) : (
          <Table<GridSummary>
            rowKey="id"
            loading={grids.isPending}
            dataSource={grids.data?.items ?? []}
            pagination={false}
            data-testid="grids-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridEvents.grids.empty')} /> }}
            onRow={(g) => ({ onClick: () => setOpen(g.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('gridEvents.grids.code'), dataIndex: 'code', width: 100 },
              { title: t('gridEvents.grids.name'), dataIndex: 'name' },
              { title: t('gridEvents.grids.buildings'), dataIndex: 'buildingsCount', width: 100 },
              {
                title: t('gridEvents.grids.workers'),
                key: 'workers',
                render: (_, g) => (g.workers.length ? g.workers.map((w) => <Tag key={w.id}>{w.displayName}</Tag>) : '—'),
              },
            ]}
          />
        )}
      </Space>
      <GridDrawer id={open} community={community} onClose={() => setOpen(null)} />
      <Modal
        open={creating}
        title={t('gridEvents.grids.new')}
        okText={t('gridEvents.grids.save')}
        cancelText={t('gridEvents.resident.cancel')}
        onCancel={() => setCreating(false)}
        onOk={() => create.mutate()}
        okButtonProps={{ loading: create.isPending, disabled: !draft.code.trim() || !draft.name.trim() }}
        width={560}
      >
        <Form layout="vertical">
          <Form.Item label={t('gridEvents.grids.code')} required>
            <Input value={draft.code} maxLength={20} onChange={(e) => setDraft((d) => ({ ...d, code: e.target.value }))} placeholder="01" />
          </Form.Item>
          <Form.Item label={t('gridEvents.grids.name')} required>
            <Input value={draft.name} maxLength={100} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
          </Form.Item>
          <Form.Item label={t('gridEvents.grids.buildings')}>
            <BuildingPicker
              community={community}
              value={draft.buildingIds}
              onChange={(buildingIds) => setDraft((d) => ({ ...d, buildingIds }))}
            />
          </Form.Item>
        </Form>
        {create.isError && <ProblemAlert title={t('gridEvents.grids.saveFailed')} error={create.error} />}
      </Modal>
    </Card>
  );
}
