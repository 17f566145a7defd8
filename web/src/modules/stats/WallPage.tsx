// 大屏 (wall display): the same overview full-screen for a control-room screen — no app shell, dark,
// large numbers, charts sized to the viewport. The root is fixed to 100vw × 100vh, so it fills the
// screen whether or not the Fullscreen API is allowed; the button asks for real full screen on a click.
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ConfigProvider, Empty, Result, Spin, Tooltip, theme as antdTheme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { cityTime } from '../../app/time.ts';
import { useAuth } from '../accounts/index.ts';
import EChart, { type ChartClick } from './EChart.tsx';
import { isDivisionCode, levelOf } from './divisions.ts';
import { isEmptyOverview } from './format.ts';
import Kpis from './Kpis.tsx';
import { pickChild, useYear, YearSelect } from './OverviewPage.tsx';
import { useChartOptions } from './useChartOptions.ts';
import { useBreadcrumb, useChildren, useOverview } from './useOverview.ts';

function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const sync = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => {
    // Browsers allow this only from a user's gesture (and not in every frame); the wall fills the viewport anyway.
    try {
      if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } catch {
      /* the Fullscreen API is unavailable here */
    }
  };
  return [on, toggle];
}

/** How often the wall reads its figures again: ?refresh=<seconds> (1–3600), else every minute. */
export function useRefreshMs(): number {
  const [params] = useSearchParams();
  const seconds = Number(params.get('refresh'));
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600 ? seconds * 1000 : 60_000;
}

/** A viewport-height-based chart font: readable across a room, never tiny on a laptop. */
function useWallFont(): number {
  const pick = () => Math.max(12, Math.min(22, Math.round(window.innerHeight / 60)));
  const [font, setFont] = useState(pick);
  useEffect(() => {
    const onResize = () => setFont(pick());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return font;
}

export default function WallPage() {
  const { division } = useParams();
  const { t } = useTranslation();
  return (
    <ConfigProvider theme={{ algorithm: antdTheme.darkAlgorithm, token: { colorPrimary: '#4fc3f7' } }}>
      <div style={styles.root} data-testid="overview-wall" data-division={division ?? ''}>
        {division && isDivisionCode(division) ? (
          <Wall key={division} division={division} />
        ) : (
          <Result status="404" title={t('stats.notFound')} />
        )}
      </div>
    </ConfigProvider>
  );
}

function Wall({ division }: { division: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [year, setYear, yearQuery] = useYear();
  const [fullscreen, toggleFullscreen] = useFullscreen();
  const font = useWallFont();
  const overview = useOverview(division, year, useRefreshMs());
  const asOf = overview.data?.asOf ?? null;
  const { crumbs } = useBreadcrumb(user?.scope.division ?? null, division);
  const children = useChildren(division, year);
  const options = useChartOptions(overview.data, children.items, 'households', { dark: true, font });
  const empty = overview.data ? isEmptyOverview(overview.data) : false;
  const level = levelOf(division)!;

  const drill = (p: ChartClick) => {
    const child = pickChild(children.items, p);
    if (child?.kind === 'division') navigate(`/overview/${child.key}/wall${yearQuery}`);
  };

  return (
    <>
      <header style={styles.header}>
        <div style={styles.crumbs} data-testid="wall-breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.code}>
              {i > 0 && <span style={{ opacity: 0.5 }}> / </span>}
              {i === crumbs.length - 1 ? (
                <b>{c.name}</b>
              ) : (
                <a style={styles.crumbLink} onClick={() => navigate(`/overview/${c.code}/wall${yearQuery}`)}>
                  {c.name}
                </a>
              )}
            </span>
          ))}
        </div>
        <div style={styles.titleBlock}>
          <h1 style={styles.title}>{t('stats.wallTitle')}</h1>
          {asOf && (
            <div style={styles.asOf} data-testid="wall-as-of" data-at={asOf}>
              {t('trust.wall.asOf', { at: cityTime(asOf, i18n.language) + t('trust.wall.zone') })}
            </div>
          )}
        </div>
        <div style={styles.tools}>
          <YearSelect year={year} years={overview.data?.years ?? []} onChange={setYear} dark />
          <Tooltip title={t('stats.fullscreen')}>
            <Button
              data-testid="wall-fullscreen"
              aria-label={t('stats.fullscreen')}
              icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
              onClick={toggleFullscreen}
            />
          </Tooltip>
          <Tooltip title={t('stats.exitWall')}>
            <Button
              data-testid="wall-exit"
              aria-label={t('stats.exitWall')}
              icon={<RollbackOutlined />}
              onClick={() => {
                if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
                navigate(`/overview/${division}${yearQuery}`);
              }}
            />
          </Tooltip>
        </div>
      </header>

      {overview.isLoading ? (
        <div style={styles.center}>
          <Spin size="large" />
        </div>
      ) : overview.error ? (
        <div style={styles.center}>
          <Result status="error" title={t('stats.error')} subTitle={errorMessage(overview.error)} data-testid="wall-error" />
        </div>
      ) : overview.data ? (
        <>
          <Kpis overview={overview.data} wall />
          <div style={styles.charts}>
            <Panel title={t('stats.charts.funding')}>
              {empty || !options.funding ? <WallEmpty /> : <EChart testId="wall-chart-funding" option={options.funding} height="100%" />}
            </Panel>
            <Panel title={t('stats.charts.stages')}>
              {empty || !options.byStage ? <WallEmpty /> : <EChart testId="wall-chart-stages" option={options.byStage} height="100%" />}
            </Panel>
            <Panel title={level === 'community' ? t('stats.charts.compoundHouseholds') : t('stats.charts.childrenHouseholds')}>
              {children.items.length === 0 ? (
                <WallEmpty />
              ) : (
                <EChart testId="wall-chart-children" option={options.children} height="100%" onClick={drill} exposeBars />
              )}
            </Panel>
          </div>
        </>
      ) : null}
    </>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={styles.panel}>
      <h2 style={styles.panelTitle}>{title}</h2>
      <div style={styles.panelBody}>{children}</div>
    </section>
  );
}

function WallEmpty() {
  const { t } = useTranslation();
  return (
    <div style={styles.center}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: '#9fc3ff' }}>{t('stats.empty')}</span>} />
    </div>
  );
}

const styles = {
  root: {
    position: 'fixed',
    inset: 0,
    width: '100vw',
    height: '100vh',
    zIndex: 1000,
    overflow: 'hidden',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '1.5vh',
    padding: '1.5vh 1.2vw',
    color: '#d6e4ff',
    background: 'radial-gradient(ellipse at top, #12325f 0%, #0a1a33 55%, #050d1c 100%)',
  },
  header: { display: 'grid', gridTemplateColumns: '1fr auto 1fr', alignItems: 'center', gap: 12, flex: 'none' },
  crumbs: { fontSize: 'clamp(12px, 1.6vh, 20px)', minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  crumbLink: { color: '#9fc3ff', cursor: 'pointer' },
  title: {
    margin: 0,
    fontSize: 'clamp(20px, 3.6vh, 48px)',
    fontWeight: 700,
    letterSpacing: 4,
    color: '#e6f4ff',
    textShadow: '0 0 16px rgba(79,195,247,0.8)',
    whiteSpace: 'nowrap',
  },
  titleBlock: { textAlign: 'center' },
  asOf: { fontSize: 'clamp(11px, 1.4vh, 18px)', color: '#9fc3ff', whiteSpace: 'nowrap' },
  tools: { display: 'flex', justifyContent: 'flex-end', gap: 8 },
  charts: {
    flex: 1,
    minHeight: 0,
    display: 'grid',
    gridTemplateColumns: '1.2fr 1.3fr 1.3fr',
    gap: '1vw',
  },
  panel: {
    minWidth: 0,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    border: '1px solid rgba(79,195,247,0.3)',
    borderRadius: 8,
    background: 'rgba(10,26,51,0.55)',
    padding: '1vh 0.8vw',
  },
  panelTitle: { margin: '0 0 0.8vh', fontSize: 'clamp(14px, 2vh, 26px)', color: '#9fc3ff', fontWeight: 600, flex: 'none' },
  panelBody: { flex: 1, minHeight: 0, position: 'relative' },
  center: { flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%' },
} satisfies Record<string, CSSProperties>;
