// The console's live feed: an EventSource on /api/v1/alarms/stream that reconnects (with a growing pause when
// the server refused it), whose `alarm` events are merged into the open-alarm lists of the react-query cache. After a
// reconnect the lists are fetched again, since the gap may have hidden changes. A critical alarm that is new or
// happened again calls `onCritical` (the sound cue).
import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { dutyKeys, fetchAlarm } from './dutyApi.ts';
import type { Alarm } from './dutyTypes.ts';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

const STREAM_URL = '/api/v1/alarms/stream';

function isAlarm(v: unknown): v is Alarm {
  const a = v as Partial<Alarm> | null;
  return !!a && typeof a.id === 'string' && typeof a.severity === 'string' && typeof a.status === 'string' && typeof a.lastAt === 'string';
}

/** The alarm a message speaks of: the message itself, its `alarm` field, or (a bare notice) the alarm fetched by id. */
async function alarmOf(data: string): Promise<Alarm | null> {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  if (isAlarm(body)) return body;
  const inner = (body as { alarm?: unknown } | null)?.alarm;
  if (isAlarm(inner)) return inner;
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') return null;
  try {
    return await fetchAlarm(id);
  } catch {
    return null; // out of scope or gone: nothing to show
  }
}

/** Puts the alarm into every cached open-alarm list it belongs to; answers whether it is news for a critical cue. */
export function mergeAlarm(client: QueryClient, alarm: Alarm, fits: (a: Alarm) => boolean): boolean {
  let news = false;
  for (const [key, list] of client.getQueriesData<Alarm[]>({ queryKey: ['duty', 'open'] })) {
    if (!list) continue;
    const before = list.find((a) => a.id === alarm.id);
    if (!before && !fits(alarm)) continue;
    if (!before || alarm.count > before.count) news = true;
    const rest = list.filter((a) => a.id !== alarm.id);
    client.setQueryData<Alarm[]>(key, alarm.status === 'cleared' ? rest : [alarm, ...rest]);
  }
  client.setQueryData(dutyKeys.alarm(alarm.id), (old: object | undefined) => (old ? { ...old, ...alarm } : old));
  // The stream carries the alarm, not its steps or clearing note: the detail is fetched again when next shown.
  void client.invalidateQueries({ queryKey: dutyKeys.alarm(alarm.id) });
  return news || client.getQueriesData({ queryKey: ['duty', 'open'] }).length === 0;
}

export function useAlarmStream(opts: {
  fits: (a: Alarm) => boolean;
  onCritical: (a: Alarm) => void;
  /** Only this compound's alarms (the server filters). */
  compoundId?: string;
  enabled?: boolean;
}): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef(opts);
  latest.current = opts;
  const enabled = opts.enabled ?? true;
  const url = opts.compoundId ? `${STREAM_URL}?compoundId=${encodeURIComponent(opts.compoundId)}` : STREAM_URL;

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    let wasOpen = false;

    // Device lists and history follow the alarms loosely: one refetch per burst of messages.
    const refreshLater = () => {
      clearTimeout(refresh);
      refresh = setTimeout(() => {
        void client.invalidateQueries({ queryKey: ['duty', 'devices'] });
        void client.invalidateQueries({ queryKey: ['duty', 'history'] });
        void client.invalidateQueries({ queryKey: ['duty', 'safety'] });
      }, 2_000);
    };

    const onMessage = (e: MessageEvent<string>) => {
      void alarmOf(e.data).then((alarm) => {
        if (!alarm || stopped) return;
        const news = mergeAlarm(client, alarm, latest.current.fits);
        if (news && alarm.severity === 'critical' && alarm.status === 'active' && latest.current.fits(alarm))
          latest.current.onCritical(alarm);
        refreshLater();
      });
    };

    const connect = () => {
      if (stopped) return;
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('alarm', onMessage as EventListener);
      // The server missed notifications (its database connection was reset): reload what is shown.
      source.addEventListener('resync', () => void client.invalidateQueries({ queryKey: dutyKeys.all }));
      source.onopen = () => {
        attempts = 0;
        setState('open');
        if (wasOpen) void client.invalidateQueries({ queryKey: dutyKeys.all });
        wasOpen = true;
      };
      source.onerror = () => {
        setState('reconnecting');
        // The browser retries a dropped stream by itself; a refused one (readyState CLOSED) is ours to retry.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          attempts += 1;
          timer = setTimeout(connect, Math.min(15_000, 1_000 * 2 ** Math.min(attempts, 4)));
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(refresh);
      source?.close();
    };
  }, [client, enabled, url]);

  return state;
}
