// The overview's key figures as cards: on the page (light, antd cards) or on the wall (dark, large numbers).
// Each card carries its raw figure in data-value (count, decimal string or fen) for tests and tooling.
import type { CSSProperties, ReactNode } from 'react';
import { Card, Col, Row, Tag, Tooltip } from 'antd';
import {
  AppstoreOutlined,
  BankOutlined,
  CarOutlined,
  HomeOutlined,
  LikeOutlined,
  SmileOutlined,
  MoneyCollectOutlined,
  ProjectOutlined,
  SafetyOutlined,
  ShopOutlined,
  TeamOutlined,
  TrophyOutlined,
  VerticalAlignTopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../app/money.ts';
import { fenToWan, formatCount, moneyLabel, totalFundingFen } from './format.ts';
import type { Overview } from './types.ts';
import FitLine from './FitLine.tsx';
import { scaleFigure, toHundredths } from './scale.ts';

interface Kpi {
  key: string;
  label: string;
  raw: string;
  shown: string;
  unit: string;
  icon: ReactNode;
  note?: string;
  /** On the wall: the figure in hundredths, scaled to 万/亿 with its unit (counts keep no decimals below 万). */
  wall?: { hundredths: bigint; whole: boolean; unit: string };
}

/** Counts and decimals alike, in hundredths, for the wall's scaling. */
const asWall = (raw: string, unit: string, whole: boolean) => {
  const h = toHundredths(raw);
  return h === null ? undefined : { hundredths: h, whole, unit };
};

/** Adds the wall's scaling to every figure that is a count, an area or money (rates stay percentages). */
function withWall(kpis: Kpi[], yuanUnit: string): Kpi[] {
  return kpis.map((k) => {
    if (k.key === 'funding') return { ...k, wall: { hundredths: BigInt(k.raw), whole: false, unit: yuanUnit } };
    if (k.key === 'support' || k.key === 'satisfaction') return k;
    return { ...k, wall: asWall(k.raw, k.unit, !k.raw.includes('.')) };
  });
}

function useKpis(o: Overview): Kpi[] {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const fund = totalFundingFen(o);
  return [
    {
      key: 'projects',
      label: t('stats.kpi.projects'),
      raw: String(o.projects),
      shown: formatCount(o.projects),
      unit: t('stats.unit.projects'),
      icon: <ProjectOutlined />,
    },
    {
      key: 'compounds',
      label: t('stats.kpi.compounds'),
      raw: String(o.compounds),
      shown: formatCount(o.compounds),
      unit: t('stats.unit.compounds'),
      icon: <HomeOutlined />,
    },
    {
      key: 'floorArea',
      label: t('stats.kpi.floorArea'),
      raw: o.floorAreaM2,
      shown: formatDecimal(o.floorAreaM2),
      unit: t('stats.unit.m2'),
      icon: <AppstoreOutlined />,
    },
    {
      key: 'households',
      label: t('stats.kpi.households'),
      raw: String(o.households),
      shown: formatCount(o.households),
      unit: t('stats.unit.households'),
      icon: <TeamOutlined />,
    },
    {
      key: 'parking',
      label: t('stats.kpi.parking'),
      raw: String(o.parkingSpaces),
      shown: formatCount(o.parkingSpaces),
      unit: t('stats.unit.spaces'),
      icon: <CarOutlined />,
    },
    {
      key: 'lifts',
      label: t('stats.kpi.lifts'),
      raw: String(o.liftsInstalled),
      shown: formatCount(o.liftsInstalled),
      unit: t('stats.unit.lifts'),
      icon: <VerticalAlignTopOutlined />,
      note: t('stats.kpi.liftsReserved', { count: o.liftPositionsReserved }),
    },
    {
      key: 'serviceSpace',
      label: t('stats.kpi.serviceSpace'),
      raw: o.serviceSpaceM2,
      shown: formatDecimal(o.serviceSpaceM2),
      unit: t('stats.unit.m2'),
      icon: <ShopOutlined />,
    },
    {
      key: 'fitnessSpace',
      label: t('stats.kpi.fitnessSpace'),
      raw: o.fitnessSpaceM2,
      shown: formatDecimal(o.fitnessSpaceM2),
      unit: t('stats.unit.m2'),
      icon: <TrophyOutlined />,
    },
    {
      key: 'barrierFree',
      label: t('stats.kpi.barrierFree'),
      raw: String(o.barrierFreeItems),
      shown: formatCount(o.barrierFreeItems),
      unit: t('stats.unit.items'),
      icon: <SafetyOutlined />,
    },
    {
      key: 'stateRooms',
      label: t('stats.kpi.stateRooms'),
      raw: o.stateRoomsM2,
      shown: formatDecimal(o.stateRoomsM2),
      unit: t('stats.unit.m2'),
      icon: <BankOutlined />,
    },
    {
      key: 'funding',
      label: t('stats.kpi.funding'),
      raw: String(fund),
      shown: en ? moneyLabel(fund, 'en') : fenToWan(fund),
      unit: en ? '' : t('stats.unit.wan'),
      icon: <MoneyCollectOutlined />,
    },
    {
      key: 'support',
      label: t('stats.kpi.support'),
      raw: o.support.rate ?? '',
      shown: o.support.percent ?? t('stats.kpi.noRate'),
      unit: o.support.percent ? t('stats.unit.percent') : '',
      icon: <LikeOutlined />,
      note: t('stats.kpi.supportNote', { agree: formatCount(o.support.agree), eligible: formatCount(o.support.eligible) }),
    },
    {
      key: 'satisfaction',
      label: t('stats.kpi.satisfaction'),
      raw: o.satisfaction.rate ?? '',
      shown: o.satisfaction.percent ?? t('stats.kpi.noRate'),
      unit: o.satisfaction.percent ? t('stats.unit.percent') : '',
      icon: <SmileOutlined />,
      note: t('stats.kpi.satisfactionNote', {
        satisfied: formatCount(o.satisfaction.satisfied),
        answered: formatCount(o.satisfaction.answered),
      }),
    },
  ];
}

/** A figure that moved sharply since last month (stats.sharp_change), with what it was. */
function Sharp({ overview, figure, wall }: { overview: Overview; figure: string; wall: boolean }) {
  const { t, i18n } = useTranslation();
  const change = overview.changes.items.find((c) => c.figure === figure);
  if (!change) return null;
  const hint = t('trust.overview.sharpHint', { before: change.before, at: overview.changes.since ?? '', rule: overview.changes.rule.name });
  return (
    <Tooltip title={hint}>
      <Tag color="orange" data-testid={`kpi-${figure}-sharp`} style={wall ? styles.wallSharp : { marginTop: 4 }} lang={i18n.language}>
        ▲ {t('trust.overview.sharp')}
      </Tag>
    </Tooltip>
  );
}

export default function Kpis({ overview, wall = false }: { overview: Overview; wall?: boolean }) {
  const { t, i18n } = useTranslation();
  const kpis = useKpis(overview);
  const sharp = new Set(overview.changes.items.map((c) => c.figure));
  if (wall) {
    const en = i18n.language === 'en';
    return (
      <div style={styles.wallGrid} data-testid="overview-kpis">
        {withWall(kpis, t('trust.wall.yuan')).map((k) => {
          const s = k.wall ? scaleFigure(k.wall.hundredths, i18n.language, k.wall.whole) : null;
          const shown = s ? (en ? s.number + s.prefix : s.number) : k.shown;
          const unit = s ? (en ? k.wall!.unit : s.prefix + k.wall!.unit) : k.unit;
          return (
            <div key={k.key} style={styles.wallCard} data-testid={`kpi-${k.key}`} data-value={k.raw} data-sharp={sharp.has(k.key)}>
              <div style={styles.wallLabel} data-testid={`kpi-${k.key}-label`}>
                {k.icon} {k.label}
              </div>
              <FitLine style={styles.wallValue} testId={`kpi-${k.key}-line`}>
                <span data-testid={`kpi-${k.key}-value`}>{shown}</span>
                {unit && <span style={styles.wallUnit}>{unit}</span>}
              </FitLine>
              {k.note && <div style={styles.wallNote}>{k.note}</div>}
              <Sharp overview={overview} figure={k.key} wall />
            </div>
          );
        })}
      </div>
    );
  }
  return (
    <Row gutter={[12, 12]} data-testid="overview-kpis">
      {kpis.map((k) => (
        <Col key={k.key} xs={12} sm={8} md={6} xl={4}>
          <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${k.key}`} data-value={k.raw} data-sharp={sharp.has(k.key)}>
            <div style={styles.pageLabel}>
              {k.icon} {k.label}
            </div>
            <div style={styles.pageValue}>
              <span data-testid={`kpi-${k.key}-value`}>{k.shown}</span>
              {k.unit && <span style={styles.pageUnit}>{k.unit}</span>}
            </div>
            {k.note && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{k.note}</div>}
            <Sharp overview={overview} figure={k.key} wall={false} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

const styles = {
  pageLabel: { color: '#8c8c8c', fontSize: 13, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  pageValue: { color: '#0b3d91', fontSize: 22, fontWeight: 600, lineHeight: 1.4, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  pageUnit: { fontSize: 13, color: '#595959', marginInlineStart: 4, fontWeight: 400 },
  wallGrid: {
    display: 'grid',
    // Two rows of seven: wide enough for "556,067.32" in large type on a 16:10 or 16:9 screen.
    gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
    gap: '1.2vh 1vw',
  },
  wallCard: {
    background: 'linear-gradient(180deg, rgba(21,88,176,0.35) 0%, rgba(10,26,51,0.6) 100%)',
    border: '1px solid rgba(79,195,247,0.35)',
    borderRadius: 8,
    padding: '1vh 0.8vw',
    minWidth: 0,
  },
  // Labels wrap rather than clip; values scale (万/亿) and, if still too wide, shrink (FitLine): nothing is cut off.
  wallLabel: { color: '#9fc3ff', fontSize: 'clamp(12px, 1.5vh, 20px)', overflowWrap: 'anywhere' },
  wallValue: {
    color: '#4fc3f7',
    fontSize: 'clamp(18px, min(4vh, 2vw), 56px)',
    fontWeight: 700,
    lineHeight: 1.2,
    fontVariantNumeric: 'tabular-nums',
    textShadow: '0 0 12px rgba(79,195,247,0.6)',
  },
  wallUnit: { fontSize: '0.5em', color: '#9fc3ff', marginInlineStart: 4, fontWeight: 400 },
  wallSharp: { marginTop: 4, marginInlineEnd: 0, fontSize: 'clamp(11px, 1.3vh, 16px)' },
  wallNote: { color: '#7f9cc6', fontSize: 'clamp(11px, 1.3vh, 16px)' },
} satisfies Record<string, CSSProperties>;
