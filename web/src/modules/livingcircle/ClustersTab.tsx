// 片区: the suggested clusters of a division (neighbouring compounds, their shared gaps and households, why), one
// made into a project with a year after a confirmation, and the clusters made with their shared facilities and the
// future-community checklist (a checkbox and a note per scenario).
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { useStages } from '../projects/index.ts';
import { fetchDivisions, registryKeys } from '../registry/index.ts';
import {
  acceptSuggestion,
  clusterKeys,
  fetchCluster,
  fetchKeptClusters,
  fetchSuggestions,
  setChecklistItem,
  type ClusterDetail,
  type KeptCluster,
  type Suggestion,
} from './clustersApi.ts';

function DivisionPicker({ home, value, onChange }: { home: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const children = useQuery({ queryKey: registryKeys.divisions(home), queryFn: () => fetchDivisions(home), enabled: !!home });
  const options = [
    ...(home.length > 4 && !home.endsWith('00') ? [{ value: home, label: t('clusters.ownDivision') }] : []),
    ...(children.data ?? []).map((d) => ({ value: d.code, label: d.name })),
  ];
  return (
    <Space>
      <Typography.Text>{t('clusters.division')}</Typography.Text>
      <Select style={{ minWidth: 220 }} value={value || undefined} onChange={onChange} options={options} data-testid="cluster-division" />
    </Space>
  );
}

type Made = Awaited<ReturnType<typeof acceptSuggestion>>;

function GenerateModal({ suggestion, onClose, onMade }: { suggestion: Suggestion | null; onClose: () => void; onMade: (m: Made) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [year, setYear] = useState<number | null>(new Date().getFullYear() + 1);
  const [name, setName] = useState('');
  const [future, setFuture] = useState(false);
  const accept = useMutation({
    mutationFn: () =>
      acceptSuggestion({
        compoundIds: suggestion!.compounds.map((c) => c.id),
        year: year ?? 0,
        name: name.trim() || null,
        futureCommunity: future,
      }),
    onSuccess: async (made) => {
      await client.invalidateQueries({ queryKey: clusterKeys.all });
      onMade(made);
      onClose();
    },
  });
  return (
    <Modal
      open={!!suggestion}
      title={suggestion ? t('clusters.generateTitle', { count: suggestion.compounds.length }) : ''}
      okText={t('clusters.confirm')}
      onOk={() => accept.mutate()}
      onCancel={onClose}
      confirmLoading={accept.isPending}
      okButtonProps={{ disabled: !year, 'data-testid': 'cluster-confirm' }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('clusters.generateHelp')}</Typography.Text>
        <Space wrap>
          {suggestion?.compounds.map((c) => (
            <Tag key={c.id}>
              {c.name} · {t('clusters.householdsOf', { count: c.households })}
            </Tag>
          ))}
        </Space>
        <Space>
          <Typography.Text>{t('clusters.year')}</Typography.Text>
          <InputNumber<number> min={2000} max={2100} precision={0} value={year} onChange={setYear} data-testid="cluster-year" />
        </Space>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          placeholder={t('clusters.namePlaceholder')}
          addonBefore={t('clusters.name')}
        />
        <Checkbox checked={future} onChange={(e) => setFuture(e.target.checked)}>
          {t('clusters.futureCommunity')}
        </Checkbox>
        {accept.isError && <ProblemAlert title={t('clusters.loadError')} error={accept.error} />}
      </Space>
    </Modal>
  );
}

function ChecklistItem({ clusterId, item, canWrite }: { clusterId: string; item: ClusterDetail['checklist'][number]; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState(item.note ?? '');
  const save = useMutation({
    mutationFn: (done: boolean) => setChecklistItem(clusterId, item.item, { done, note: note.trim() || null }),
    onSuccess: async () => {
      void message.success(t('clusters.saved'));
      await client.invalidateQueries({ queryKey: clusterKeys.all });
    },
  });
  return (
    <List.Item data-testid="cluster-item" data-item={item.item}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Checkbox checked={item.done} disabled={!canWrite || save.isPending} onChange={(e) => save.mutate(e.target.checked)}>
          <b>{item.name}</b> <Typography.Text type="secondary">{item.hint}</Typography.Text>
        </Checkbox>
        {canWrite ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('clusters.note')} />
            <Button onClick={() => save.mutate(item.done)} loading={save.isPending}>
              {t('clusters.save')}
            </Button>
          </Space.Compact>
        ) : (
          item.note && <Typography.Text>{item.note}</Typography.Text>
        )}
        {save.isError && <ProblemAlert title={t('clusters.loadError')} error={save.error} />}
      </Space>
    </List.Item>
  );
}

function ClusterCard({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const one = useQuery({ queryKey: clusterKeys.one(id), queryFn: () => fetchCluster(id) });
  const c = one.data;
  if (one.isError) return <ProblemAlert title={t('clusters.loadError')} error={one.error} />;
  if (!c) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="cluster-detail">
      <Space wrap>
        <Typography.Text strong>{t('clusters.sharedGaps')}</Typography.Text>
        {c.sharedGaps.length
          ? c.sharedGaps.map((g) => (
              <Tag color="red" key={g.need}>
                {t('clusters.gapOf', { need: g.needName, compounds: g.compounds, households: g.households })}
              </Tag>
            ))
          : t('clusters.noSharedGaps')}
      </Space>
      <Typography.Text strong>{t('clusters.sharedFacilities')}</Typography.Text>
      {c.sharedFacilities.length ? (
        <Space wrap>
          {c.sharedFacilities.map((f) => (
            <Tag key={f.id} color="green">
              {f.name}（{f.needName}，{t('clusters.reachedBy', { count: f.compounds })}）
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('clusters.noSharedFacilities')}</Typography.Text>
      )}
      <List
        header={<Typography.Text strong>{t('clusters.checklist')}</Typography.Text>}
        size="small"
        dataSource={c.checklist}
        renderItem={(item) => <ChecklistItem key={`${item.item}-${item.updatedAt ?? ''}`} clusterId={id} item={item} canWrite={canWrite} />}
      />
    </Space>
  );
}

export default function ClustersTab({ home }: { home: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { name: stageName } = useStages();
  const canWrite = can('projects.write');
  const [division, setDivision] = useState(home.length > 4 && !home.endsWith('00') ? home : '');
  const [generating, setGenerating] = useState<Suggestion | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [excludeInProject, setExcludeInProject] = useState(false);
  const suggestions = useQuery({
    queryKey: clusterKeys.suggestions(division, excludeInProject),
    queryFn: () => fetchSuggestions(division, excludeInProject),
    enabled: !!division,
  });
  const kept = useQuery({ queryKey: clusterKeys.kept(division), queryFn: () => fetchKeptClusters(division) });
  const s = suggestions.data;

  const columns: ColumnsType<Suggestion> = [
    {
      title: t('clusters.compounds'),
      key: 'compounds',
      render: (_, row) => (
        <Space direction="vertical" size={2}>
          {row.compounds.map((c) => (
            <span key={c.id}>
              <Link to={`/compounds/${c.id}`}>{c.name}</Link>{' '}
              <Typography.Text type="secondary">{t('clusters.householdsOf', { count: c.households })}</Typography.Text>{' '}
              {c.project && <Tag color="blue">{t('clusters.inProject', { stage: stageName(c.project.stage) })}</Tag>}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('clusters.sharedGaps'),
      key: 'gaps',
      render: (_, row) =>
        row.sharedGaps.length ? (
          <Space wrap size={4}>
            {row.sharedGaps.map((g) => (
              <Tag
                color="red"
                key={g.need}
                title={t('clusters.gapOf', { need: g.needName, compounds: g.compounds, households: g.households })}
              >
                {g.needName} {g.compounds}
              </Tag>
            ))}
          </Space>
        ) : (
          t('clusters.noSharedGaps')
        ),
    },
    { title: t('clusters.households'), key: 'households', align: 'right', render: (_, row) => row.households.toLocaleString() },
    { title: t('clusters.score'), key: 'score', align: 'right', render: (_, row) => row.score.toLocaleString() },
    {
      title: t('clusters.why'),
      key: 'why',
      render: (_, row) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {row.why.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ),
    },
    ...(canWrite
      ? [
          {
            title: '',
            key: 'act',
            render: (_: unknown, row: Suggestion) => (
              <Button type="primary" size="small" onClick={() => setGenerating(row)} data-testid="cluster-generate">
                {t('clusters.generate')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const keptColumns: ColumnsType<KeptCluster> = [
    { title: t('clusters.name'), key: 'name', render: (_, c) => c.name },
    { title: t('clusters.year'), key: 'year', render: (_, c) => c.year },
    { title: t('clusters.compounds'), key: 'compounds', render: (_, c) => c.compounds.map((x) => x.name).join('、') },
    { title: t('clusters.checklist'), key: 'progress', render: (_, c) => t('clusters.progress', c.checklist) },
    {
      title: t('clusters.project'),
      key: 'project',
      render: (_, c) => c.projectId && <Link to={`/projects/${c.projectId}`}>{t('clusters.openProject')}</Link>,
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {made && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setMade(null)}
          data-testid="cluster-created"
          message={
            <span>
              {t('clusters.created')}：<Link to={`/projects/${made.project.id}`}>{made.project.name}</Link>
            </span>
          }
        />
      )}
      <Card
        title={t('clusters.suggestions')}
        extra={
          <Space wrap>
            <Checkbox
              checked={excludeInProject}
              onChange={(e) => setExcludeInProject(e.target.checked)}
              data-testid="cluster-exclude-in-project"
            >
              {t('clusters.excludeInProject')}
            </Checkbox>
            <DivisionPicker home={home} value={division} onChange={setDivision} />
          </Space>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {s && <Typography.Text type="secondary">{t('clusters.intro', { metres: s.neighbourM, max: s.maxCompounds })}</Typography.Text>}
          {suggestions.isError && <ProblemAlert title={t('clusters.loadError')} error={suggestions.error} />}
          <Table
            rowKey={(row) => row.compounds.map((c) => c.id).join(',')}
            size="small"
            loading={suggestions.isFetching}
            columns={columns}
            dataSource={s?.suggestions ?? []}
            locale={{ emptyText: <Empty description={t('clusters.noSuggestions')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="cluster-suggestions"
          />
        </Space>
      </Card>
      <Card title={t('clusters.kept')}>
        {kept.isError && <ProblemAlert title={t('clusters.loadError')} error={kept.error} />}
        <Table
          rowKey="id"
          size="small"
          columns={keptColumns}
          dataSource={kept.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('clusters.noKept')} /> }}
          expandable={{ expandedRowRender: (c) => <ClusterCard id={c.id} canWrite={canWrite} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="cluster-kept"
        />
      </Card>
      <GenerateModal suggestion={generating} onClose={() => setGenerating(null)} onMade={setMade} />
    </Space>
  );
}
