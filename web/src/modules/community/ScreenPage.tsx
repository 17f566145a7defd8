// The lobby information screen (/screen/:compoundId?token=…): no sign-in, the token in the URL. Large type for a
// display seen from across a lobby; two columns in landscape (1920×1080), one in portrait; it asks again every
// refreshSeconds the server names (or `refresh` seconds from its link), keeping the last picture while a request fails.
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { fetchScreenData, yuan, type ScreenData } from './api.ts';

const css = `
.scr { min-height: 100vh; background: #0b2545; color: #fff; font-size: 28px; line-height: 1.4; padding: 32px 40px; box-sizing: border-box; }
.scr h1 { font-size: 48px; margin: 0; color: #fff; }
.scr h2 { font-size: 36px; margin: 0 0 12px; color: #ffd166; }
.scr-head { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 24px; }
.scr-clock { font-size: 44px; font-variant-numeric: tabular-nums; }
.scr-grid { display: grid; grid-template-columns: 3fr 2fr; gap: 24px; }
.scr-box { background: rgba(255,255,255,0.08); border-radius: 16px; padding: 20px 24px; margin-bottom: 24px; }
.scr-notice { border-bottom: 1px solid rgba(255,255,255,0.15); padding: 10px 0; }
.scr-notice:last-child { border-bottom: none; }
.scr-notice b { font-size: 34px; }
.scr-muted { color: #b8c4d6; font-size: 24px; }
.scr-row { display: flex; justify-content: space-between; gap: 12px; }
.scr-sev { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; text-align: center; }
.scr-sev div { border-radius: 12px; padding: 8px; background: rgba(255,255,255,0.08); }
.scr-sev strong { display: block; font-size: 48px; }
@media (orientation: portrait) { .scr-grid { grid-template-columns: 1fr; } .scr { font-size: 32px; } }
`;

const SEVERITY_COLOR = { critical: '#ef476f', major: '#f78c6b', minor: '#ffd166', warning: '#8ecae6' } as const;

function Clock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="scr-clock" data-testid="screen-clock">
      {now.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
        month: 'long',
        day: 'numeric',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      })}
    </span>
  );
}

function Body({ data }: { data: ScreenData }) {
  const { t } = useTranslation();
  const severities = ['critical', 'major', 'minor', 'warning'] as const;
  return (
    <div className="scr-grid">
      <div>
        <section className="scr-box" data-testid="screen-notices">
          <h2>{t('community.screen.notices')}</h2>
          {data.notices.length === 0 && <div className="scr-muted">{t('community.screen.noNotices')}</div>}
          {data.notices.map((n) => (
            <div key={n.id} className="scr-notice" data-testid={`screen-notice-${n.id}`}>
              <b>{n.title}</b>
              {n.buildings.length > 0 && <span className="scr-muted"> · {n.buildings.join('、')}</span>}
              <div>{n.body}</div>
            </div>
          ))}
        </section>
      </div>
      <div>
        <section className="scr-box" data-testid="screen-menu">
          <h2>{t('community.screen.menu')}</h2>
          {data.canteens.every((c) => c.menus.length === 0) && <div className="scr-muted">{t('community.screen.noMenu')}</div>}
          {data.canteens
            .filter((c) => c.menus.length)
            .map((c) => (
              <div key={c.id}>
                <div className="scr-muted">{c.name}</div>
                {c.menus.map((m) => (
                  <div key={m.meal} style={{ marginBottom: 8 }} data-testid={`screen-meal-${c.id}-${m.meal}`}>
                    <div className="scr-row">
                      <b>{t(`community.meals.${m.meal}`)}</b>
                      <span className="scr-muted">{t('community.screen.left', { n: m.left })}</span>
                    </div>
                    <div>{m.dishes.map((d) => `${d.name} ${yuan(d.priceFen)}`).join('　')}</div>
                  </div>
                ))}
              </div>
            ))}
        </section>
        <section className="scr-box" data-testid="screen-alarms" data-open={data.alarms.open}>
          <h2>
            {t('community.screen.alarms')}
            <span className="scr-muted">
              {' '}
              · {t('community.screen.open')} {data.alarms.open}
            </span>
          </h2>
          <div className="scr-sev">
            {severities.map((s) => (
              <div key={s} style={{ color: SEVERITY_COLOR[s] }} data-testid={`screen-alarms-${s}`}>
                <strong>{data.alarms.today[s]}</strong>
                {t(`community.screen.severity.${s}`)}
              </div>
            ))}
          </div>
        </section>
        <section className="scr-box" data-testid="screen-shops">
          <h2>{t('community.screen.shops')}</h2>
          {data.shops.length === 0 && <div className="scr-muted">{t('community.screen.noShops')}</div>}
          {data.shops.map((s) => (
            <div key={s.name} className="scr-row">
              <span>
                {s.name} <span className="scr-muted">{t(`community.categories.${s.category}`)}</span>
              </span>
              <span style={{ color: s.openNow ? '#06d6a0' : '#b8c4d6' }}>
                {s.openNow ? t('community.resident.open') : t('community.resident.shut')}
                {s.distanceM !== null ? ` · ${t('community.resident.distance', { m: s.distanceM })}` : ''}
              </span>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}

export default function ScreenPage() {
  const { compoundId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { t } = useTranslation();
  const [interval, setIntervalSeconds] = useState(30);
  // `refresh=<seconds>` in the screen's link overrides the server's interval (1 s to an hour): a display that
  // must show a notice sooner, or a test that should not wait half a minute.
  const asked = Number(params.get('refresh'));
  const refresh = Number.isInteger(asked) && asked >= 1 && asked <= 3600 ? asked : interval;
  const q = useQuery({
    queryKey: ['screen', compoundId, token],
    queryFn: () => fetchScreenData(compoundId, token),
    refetchInterval: refresh * 1000,
    refetchIntervalInBackground: true,
    retry: false,
  });
  useEffect(() => {
    if (q.data) setIntervalSeconds(q.data.refreshSeconds);
  }, [q.data]);
  const refused = q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 400);
  return (
    <div className="scr" data-testid="screen" data-updated={q.dataUpdatedAt}>
      <style>{css}</style>
      <div className="scr-head">
        <h1 data-testid="screen-compound">{q.data?.compound.name ?? t('community.screen.title')}</h1>
        <Clock />
      </div>
      {refused ? (
        <div className="scr-box" data-testid="screen-invalid">
          {t('community.screen.invalid')}
        </div>
      ) : (
        <>
          {q.isError && (
            <div className="scr-muted" data-testid="screen-error">
              {t('community.screen.error')}
            </div>
          )}
          {q.data && <Body data={q.data} />}
        </>
      )}
    </div>
  );
}
