// 值班台: the duty console of the account's level (compound, community, subdistrict or city), narrowed with the
// division picker. Open alarms by severity arrive live over SSE (with its connection state shown), a critical one
// sounds (after "sound on") and always bumps the visible cue; acknowledge and clear from the card or the drawer;
// the devices offline first, the compound's buildings with their devices, and the history with its export.
import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import { App, Badge, Button, Card, Empty, Flex, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { SoundOutlined, MutedOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { DistrictMap } from '../livingcircle/index.ts';
import { fetchCompound, registryKeys } from '../registry/index.ts';
import ActiveAlarms, { type AlarmNames } from './ActiveAlarms.tsx';
import AlarmDrawer, { ClearAlarmModal } from './AlarmDrawer.tsx';
import AlarmHistory from './AlarmHistory.tsx';
import { acknowledgeAlarm, clearAlarm, dutyKeys, fetchDevices, fetchOpenAlarms } from './dutyApi.ts';
import CompoundDevicesCard from './CompoundDevicesCard.tsx';
import { DeviceStatusList } from './DutyDevices.tsx';
import { alarmTypeLabel } from './dutyFormat.ts';
import type { Alarm } from './dutyTypes.ts';
import { beep, unlockSound } from './soundCue.ts';
import { mergeAlarm, useAlarmStream } from './useAlarmStream.ts';
import { useDutyScope } from './useDutyScope.ts';

const SOUND_KEY = 'renova.duty.sound';

export default function DutyConsolePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const view = useDutyScope();
  const { scope } = view;
  const canHandle = can('alarms.handle');

  const open = useQuery({ queryKey: dutyKeys.open(scope), queryFn: () => fetchOpenAlarms(scope), enabled: view.level !== null });
  const devices = useQuery({ queryKey: dutyKeys.devices(scope), queryFn: () => fetchDevices(scope), enabled: view.level !== null });
  const deviceById = useMemo(() => new Map((devices.data ?? []).map((d) => [d.id, d])), [devices.data]);

  // Compounds outside the picker's list (a city-wide console) are named one by one, as their alarms appear.
  const fromDevices = new Map((devices.data ?? []).flatMap((d) => (d.compoundName ? [[d.compoundId, d.compoundName] as const] : [])));
  const unnamed = [...new Set((open.data ?? []).map((a) => a.compoundId))]
    .filter((id) => !view.compoundName(id) && !fromDevices.has(id))
    .slice(0, 50);
  const looked = useQueries({
    queries: unnamed.map((id) => ({ queryKey: registryKeys.compound(id), queryFn: () => fetchCompound(id), staleTime: 10 * 60_000 })),
  });
  const lookedName = new Map(looked.flatMap((q) => (q.data ? [[q.data.id, q.data.name] as const] : [])));
  const compoundName = (id: string) => view.compoundName(id) ?? fromDevices.get(id) ?? lookedName.get(id) ?? t('duty.unknownCompound');
  const names: AlarmNames = {
    device: (a) => a.deviceName ?? deviceById.get(a.deviceId)?.name ?? t('duty.unknownDevice'),
    compound: (a) => a.compoundName ?? compoundName(a.compoundId),
  };

  // The sound: off until a click turns it on (browsers refuse audio before a gesture); the cue counts regardless.
  const [soundOn, setSoundOn] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [cues, setCues] = useState(0);
  const [lastCue, setLastCue] = useState('');
  const toggleSound = () => {
    const next = !soundOn;
    if (next) unlockSound();
    localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    setSoundOn(next);
  };
  const onCritical = useCallback(
    (a: Alarm) => {
      setCues((n) => n + 1);
      setLastCue(`${t('duty.sound.cue')}：${alarmTypeLabel(t, a)}`);
      if (soundOn) beep();
    },
    [soundOn, t],
  );
  const fits = useCallback(
    (a: Alarm) => {
      if (scope.compoundId) return a.compoundId === scope.compoundId;
      if (scope.division && a.communityCode) return a.communityCode.startsWith(scope.division);
      return true;
    },
    [scope.compoundId, scope.division],
  );
  const live = useAlarmStream({ fits, onCritical, compoundId: scope.compoundId, enabled: view.level !== null });

  const [selected, setSelected] = useState<Alarm | null>(null);
  const [clearing, setClearing] = useState<Alarm | null>(null);
  const afterAction = (a: Alarm | undefined, done: string) => {
    if (a && typeof a === 'object' && 'id' in a && 'status' in a) mergeAlarm(client, a, () => true);
    void client.invalidateQueries({ queryKey: dutyKeys.all });
    void message.success(done);
  };
  const acknowledge = useMutation({
    mutationFn: (a: Alarm) => acknowledgeAlarm(a.id),
    onSuccess: (res) => afterAction(res, t('duty.action.acknowledged')),
    onError: (err) => void message.error(`${t('duty.action.failed')}：${errorMessage(err)}`),
  });
  const clear = useMutation({
    mutationFn: ({ a, note }: { a: Alarm; note: string }) => clearAlarm(a.id, note),
    onSuccess: (res) => {
      setClearing(null);
      setSelected(null);
      afterAction(res, t('duty.action.cleared'));
    },
    onError: (err) => void message.error(`${t('duty.action.failed')}：${errorMessage(err)}`),
  });
  const busyId = acknowledge.isPending ? (acknowledge.variables?.id ?? null) : clear.isPending ? (clear.variables?.a.id ?? null) : null;

  const buildingsCompound = view.compoundId ?? (view.compounds.length === 1 ? view.compounds[0]!.id : null);

  if (view.level === null) return <Empty data-testid="duty-no-scope" description={t('duty.noScope')} />;

  const alarms = open.data;
  const unacknowledged = alarms?.filter((a) => a.status === 'active').length ?? 0;
  const liveColor = live === 'open' ? 'green' : live === 'connecting' ? 'blue' : 'orange';

  return (
    <div data-testid="duty-page" data-level={view.level} data-shown-level={view.shownLevel ?? ''} data-division={view.division ?? ''}>
      <Flex justify="space-between" align="end" wrap gap={12} style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('duty.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('duty.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Tag color="blue" data-testid="duty-level">
            {t(`duty.levels.${view.level}`)}
          </Tag>
          <Tooltip title={t('duty.liveHint')}>
            <Tag color={liveColor} data-testid="duty-live" data-state={live} role="status">
              <Badge status={live === 'open' ? 'processing' : 'warning'} /> {t(`duty.live.${live}`)}
            </Tag>
          </Tooltip>
          <Tooltip title={soundOn ? undefined : t('duty.sound.enableHint')}>
            <Button
              icon={soundOn ? <SoundOutlined /> : <MutedOutlined />}
              aria-pressed={soundOn}
              onClick={toggleSound}
              data-testid="duty-sound"
              data-sound={soundOn ? 'on' : 'off'}
            >
              {soundOn ? t('duty.sound.on') : t('duty.sound.off')}
            </Button>
          </Tooltip>
        </Space>
      </Flex>
      <div aria-live="assertive" data-testid="duty-sound-cue" data-sound-cue={cues} style={styles.srOnly}>
        {lastCue}
      </div>

      <ScopeBar view={view} />

      <Tabs
        data-testid="duty-tabs"
        items={[
          {
            key: 'active',
            label: (
              <span data-testid="duty-tab-active">
                {t('duty.tabs.active')}{' '}
                {unacknowledged > 0 && (
                  <Badge
                    count={unacknowledged}
                    data-testid="duty-unacknowledged"
                    title={t('duty.active.unacknowledged', { count: unacknowledged })}
                  />
                )}
              </span>
            ),
            children: (
              <ActiveAlarms
                alarms={alarms}
                loading={open.isLoading}
                error={open.error}
                onRetry={() => void open.refetch()}
                names={names}
                canHandle={canHandle}
                busyId={busyId}
                onOpen={setSelected}
                onAcknowledge={(a) => acknowledge.mutate(a)}
                onClear={setClearing}
              />
            ),
          },
          {
            key: 'devices',
            label: <span data-testid="duty-tab-devices">{t('duty.tabs.devices')}</span>,
            children: (
              <DeviceStatusList devices={devices.data} loading={devices.isLoading} error={devices.error} compoundName={compoundName} />
            ),
          },
          {
            key: 'buildings',
            label: <span data-testid="duty-tab-buildings">{t('duty.tabs.buildings')}</span>,
            children: buildingsCompound ? (
              <CompoundDevicesCard compound={{ id: buildingsCompound, name: compoundName(buildingsCompound) }} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.devices.pickCompound')} />
            ),
          },
          {
            key: 'map',
            label: <span data-testid="duty-tab-map">{t('districtMap.tab')}</span>,
            children: (
              <DistrictMap
                division={view.division ?? undefined}
                compoundIds={view.compoundId ? [view.compoundId] : undefined}
                testId="duty-map"
                layers={{ facilities: false, circles: false }}
                marks={(alarms ?? []).map((a) => ({
                  id: a.id,
                  compoundId: a.compoundId,
                  label: alarmTypeLabel(t, a),
                  color: a.status === 'active' ? '#f5222d' : '#fa8c16',
                }))}
                marksLegend={[{ key: 'alarm', color: '#f5222d', label: t('districtMap.alarm') }]}
                onMarkClick={(id) => setSelected(alarms?.find((a) => a.id === id) ?? null)}
              />
            ),
          },
          {
            key: 'history',
            label: <span data-testid="duty-tab-history">{t('duty.tabs.history')}</span>,
            children: <AlarmHistory scope={scope} names={names} onOpen={setSelected} />,
          },
        ]}
      />

      <AlarmDrawer
        alarm={selected}
        names={names}
        canHandle={canHandle}
        busy={busyId !== null && busyId === selected?.id}
        onClose={() => setSelected(null)}
        onAcknowledge={(a) => acknowledge.mutate(a, { onSuccess: (res) => res && setSelected({ ...a, ...res }) })}
        onClear={setClearing}
      />
      <ClearAlarmModal
        alarm={clearing}
        busy={clear.isPending}
        onCancel={() => setClearing(null)}
        onSubmit={(a, note) => clear.mutate({ a, note })}
      />
    </div>
  );
}

/** The division picker: a sub-division or a compound below the account's own scope, and the way back. */
function ScopeBar({ view }: { view: ReturnType<typeof useDutyScope> }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const own = user?.scope.division ?? null;
  const narrowed = (view.division && view.division !== own) || !!view.compoundId;
  const showCompounds = view.compounds.length > 1 || (view.compounds.length === 1 && view.shownLevel !== 'compound');
  if (view.children.length === 0 && !showCompounds && !narrowed) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        <Typography.Text type="secondary">{view.children.length > 0 ? t('duty.division') : t('duty.compound')}</Typography.Text>
        {view.children.length > 0 && (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 180 }}
            placeholder={t('duty.pickDivision')}
            aria-label={t('duty.pickDivision')}
            data-testid="duty-division"
            value={null}
            options={view.children.map((d) => ({ value: d.code, label: d.name }))}
            onChange={(code: string) => view.setDivision(code)}
          />
        )}
        {showCompounds && (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('duty.allCompounds')}
            aria-label={t('duty.compound')}
            data-testid="duty-compound"
            value={view.compoundId ?? undefined}
            options={view.compounds.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id?: string) => view.setCompound(id ?? null)}
          />
        )}
        {narrowed && (
          <Button
            icon={<RollbackOutlined />}
            onClick={() => (view.compoundId && view.division !== own ? view.setCompound(null) : view.setDivision(null))}
            data-testid="duty-scope-back"
          >
            {t('common.back')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

const styles = {
  srOnly: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
} satisfies Record<string, CSSProperties>;
