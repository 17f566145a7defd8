// The district map, the same on every page that shows one (registry, overview, living circle, duty console): one
// call for the layers (compounds by stage with their gaps, facilities by need, space resources by status, the
// circle's radius), switches per layer, a summary, and a click on a compound opening its page. Where the page can
// go down a level (`onDrill`), the divisions one level below are outlined and a click inside one drills into it;
// the same divisions are buttons under the map for the keyboard. A hidden list of the compounds drawn, with their
// stage and colour, is the map's text alternative (and what a browser test reads).
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import GeoMap, { type GeoLegendItem, type GeoPoint, type GeoPolygon } from '../../app/GeoMap.tsx';
import { childDivisionOf, divisionOutlines, drawnLayers, stageColour, type LayerKey, type MapCompound } from '../../app/geoLayers.tsx';
import { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useStages } from '../projects/index.ts';
import { fetchDivisions, formatArea, registryKeys } from '../registry/index.ts';

export const fetchMapLayers = (division?: string) => api.get('/api/v1/map/layers', { query: division ? { division } : {} });

export interface DistrictMapProps {
  /** The division drawn (default: the account's own). */
  division?: string;
  /** Only these compounds (and the facilities around them), e.g. the duty console's. */
  compoundIds?: string[];
  /** Approximate outlines of the subdistricts or communities, computed from the compounds. */
  outlineBy?: 'subdistrict' | 'community';
  /** Marks drawn at compounds (open alarms: devices carry no coordinates of their own), with their legend. */
  marks?: { id: string; compoundId: string; label: string; color: string }[];
  marksLegend?: GeoLegendItem[];
  onMarkClick?: (id: string) => void;
  layers?: Partial<Record<LayerKey, boolean>>;
  /** Go down to a division one level below the one drawn (its code and name): outlines it and answers clicks in it. */
  onDrill?: (code: string, name: string) => void;
  height?: number;
  testId?: string;
}

const DRILL_OUTLINE = '#597ef7';
const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

export default function DistrictMap({
  division,
  compoundIds,
  outlineBy,
  marks,
  marksLegend = [],
  onMarkClick,
  layers,
  onDrill,
  height = 520,
  testId = 'district-map',
}: DistrictMapProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stages = useStages();
  const [on, setOn] = useState<Record<LayerKey, boolean>>({
    compounds: true,
    facilities: true,
    spaces: true,
    circles: true,
    gaps: true,
    ...layers,
  });
  const query = useQuery({ queryKey: ['map', 'layers', division ?? ''], queryFn: () => fetchMapLayers(division), staleTime: 60_000 });

  const data = useMemo(() => {
    if (!query.data) return null;
    if (!compoundIds) return query.data;
    const only = new Set(compoundIds);
    // A chosen set of compounds (the duty console's) is about those compounds: the division's spaces are left out.
    return { ...query.data, compounds: query.data.compounds.filter((c) => only.has(c.id)), spaces: [] };
  }, [query.data, compoundIds]);

  const needName = (n: string) => t(`circle.needs.${n}`);
  const stageName = (s: string | null) => (s ? stages.name(s) : t('districtMap.noStage'));
  const drawn = useMemo(() => {
    if (!data) return { points: [], circles: [], legend: [] };
    return drawnLayers(data, on, {
      stage: stageName,
      need: needName,
      noStage: t('districtMap.noStage'),
      gapRing: t('districtMap.gapRing'),
      facility: (need) => t('districtMap.facility', { need }),
      compoundTip: (c) =>
        t('districtMap.tooltipCompound', {
          name: c.name,
          stage: stageName(c.stage),
          households: c.households,
          gaps: c.gaps.length ? c.gaps.map((g) => t(`circle.needShort.${g}`)).join('、') : t('districtMap.noGaps'),
        }),
      facilityTip: (f) => t('districtMap.tooltipFacility', { name: f.name, need: needName(f.need) }),
      space: (status) => t('districtMap.space', { status: t(`spaces.status.${status}`) }),
      spaceTip: (sp) =>
        t('districtMap.tooltipSpace', {
          name: sp.name,
          kind: t(`spaces.kinds.${sp.kind}`),
          status: t(`spaces.status.${sp.status}`),
          area: formatArea(sp.areaM2, i18n.language),
        }),
    });
    // stage names arrive with their own query
  }, [data, on, stages.stages, t]);
  // The divisions one level below the one drawn (as the server answered it: the account's own by default), by name.
  const drawnDivision = query.data?.division ?? null;
  const children = useQuery({
    queryKey: registryKeys.divisions(drawnDivision),
    queryFn: () => fetchDivisions(drawnDivision),
    enabled: !!onDrill && !!drawnDivision && drawnDivision.length < 12,
    staleTime: 300_000,
  });
  const names = useMemo(() => new Map(children.data?.map((d) => [d.code, d.name])), [children.data]);
  const outlines = useMemo<GeoPolygon[]>(() => {
    if (!data) return [];
    if (onDrill)
      return divisionOutlines(data.compounds, (c) => childDivisionOf(drawnDivision, c), DRILL_OUTLINE, {
        padM: 120,
        labelOf: (code) => (names.has(code) ? t('districtMap.drillTip', { name: names.get(code) }) : undefined),
      });
    return outlineBy
      ? divisionOutlines(data.compounds, (c: MapCompound) => (outlineBy === 'community' ? c.communityCode : c.subdistrictCode))
      : [];
  }, [data, outlineBy, onDrill, drawnDivision, names, t]);
  const drillTo = (code: string) => {
    const name = names.get(code);
    if (name) onDrill?.(code, name);
  };
  const compoundIdSet = useMemo(() => new Set(data?.compounds.map((c) => c.id)), [data]);
  const markPoints = useMemo<GeoPoint[]>(() => {
    if (!data || !marks?.length) return [];
    const at = new Map(data.compounds.map((c) => [c.id, c]));
    return marks.flatMap((mk) => {
      const c = at.get(mk.compoundId);
      return c ? [{ id: mk.id, lat: c.lat, lng: c.lng, label: `${mk.label}\n${c.name}`, color: mk.color, size: 8, layer: 'marks' }] : [];
    });
  }, [data, marks]);
  const points = useMemo(() => (markPoints.length ? [...drawn.points, ...markPoints] : drawn.points), [drawn.points, markPoints]);

  if (query.isError)
    return (
      <LoadFailure
        error={query.error}
        title={t('districtMap.loadFailed')}
        notFoundTitle={t('districtMap.loadFailed')}
        testId={testId}
        onRetry={() => void query.refetch()}
      />
    );
  const withGaps = data?.compounds.filter((c) => c.gapCount > 0).length ?? 0;
  const layerKeys: LayerKey[] = ['compounds', 'facilities', 'spaces', 'circles', 'gaps'];
  return (
    <div data-testid={`${testId}-panel`} style={{ position: 'relative' }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Checkbox.Group
          value={layerKeys.filter((k) => on[k])}
          onChange={(v) => setOn(Object.fromEntries(layerKeys.map((k) => [k, v.includes(k)])) as Record<LayerKey, boolean>)}
          options={layerKeys.map((k) => ({ value: k, label: t(`districtMap.layers.${k}`) }))}
          data-testid={`${testId}-layers`}
        />
        {data && (
          <Typography.Text type="secondary" data-testid={`${testId}-summary`}>
            {t('districtMap.summary', {
              compounds: data.compounds.length,
              facilities: data.facilities.length,
              spaces: data.spaces.length,
              gaps: withGaps,
            })}
          </Typography.Text>
        )}
      </Space>
      {data?.truncated && <Alert type="warning" showIcon message={t('districtMap.truncated')} style={{ marginBottom: 8 }} />}
      <GeoMap
        label={t('districtMap.label')}
        testId={testId}
        points={points}
        circles={drawn.circles}
        polygons={outlines}
        legend={marksLegend.length ? [...drawn.legend, ...marksLegend] : drawn.legend}
        height={height}
        emptyText={query.isLoading ? ' ' : t('districtMap.empty')}
        onPointClick={(p) => {
          if (compoundIdSet.has(p.id)) void navigate(`/compounds/${p.id}`);
          else if (p.layer === 'marks') onMarkClick?.(p.id);
        }}
        onPolygonClick={onDrill ? (o) => o.key && drillTo(o.key) : undefined}
      />
      {onDrill && outlines.some((o) => o.key && names.has(o.key)) && (
        <Space wrap size={[4, 4]} style={{ marginTop: 6 }} data-testid={`${testId}-drill`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('districtMap.drillInto')}
          </Typography.Text>
          {outlines
            .filter((o) => o.key && names.has(o.key))
            .map((o) => (
              <Button key={o.key} size="small" type="link" data-code={o.key} onClick={() => drillTo(o.key!)}>
                {names.get(o.key!)}
              </Button>
            ))}
        </Space>
      )}
      {data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4, marginBottom: 0 }}>
          {t('districtMap.circleNote', { metres: data.circle.radiusM, walk: data.circle.walkM })}
          {outlineBy || onDrill ? `；${t('districtMap.outlineNote')}` : ''}
        </Typography.Paragraph>
      )}
      <ul aria-label={t('districtMap.features')} data-testid={`${testId}-features`} style={srOnly}>
        {on.compounds &&
          data?.compounds.map((c) => (
            <li key={c.id} data-id={c.id} data-stage={c.stage ?? ''} data-colour={stageColour(c.stage)} data-gaps={c.gapCount}>
              {c.name}：{stageName(c.stage)}
            </li>
          ))}
      </ul>
    </div>
  );
}
