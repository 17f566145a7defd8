// 小区档案: the division tree on the left, the filtered compound list on the right.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Breadcrumb, Card, Col, Row, Tabs, Tag } from 'antd';
import { DistrictMap } from '../livingcircle/index.ts';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../accounts/index.ts';
import CompoundFiltersBar from './CompoundFiltersBar.tsx';
import CompoundTable from './CompoundTable.tsx';
import DivisionTree from './DivisionTree.tsx';
import type { CompoundFilters } from './types.ts';

function readFilters(params: URLSearchParams): CompoundFilters {
  const num = (key: string) => {
    const value = params.get(key);
    const n = value ? Number(value) : NaN;
    return Number.isInteger(n) ? n : undefined;
  };
  const eligible = params.get('eligible');
  return {
    division: params.get('division') || undefined,
    q: params.get('q') || undefined,
    yearFrom: num('yearFrom'),
    yearTo: num('yearTo'),
    eligible: eligible === 'true' ? true : eligible === 'false' ? false : undefined,
    sort: params.get('sort') || undefined,
    order: params.get('order') === 'desc' ? 'desc' : params.get('sort') ? 'asc' : undefined,
  };
}

export default function RegistryPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const divisionName = params.get('divisionName') ?? filters.division;

  const setFilters = (next: CompoundFilters, name = params.get('divisionName') ?? undefined) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value !== undefined && value !== '') out.set(key, String(value));
    }
    if (next.division && name) out.set('divisionName', name);
    setParams(out, { replace: true });
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('registry.title') }]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={6} xxl={5}>
          <Card
            title={t('registry.tree')}
            size="small"
            styles={{ body: { maxHeight: 'calc(100vh - 190px)', minHeight: 200, overflow: 'auto' } }}
            extra={
              filters.division ? (
                <a onClick={() => setFilters({ ...filters, division: undefined })} data-testid="clear-division">
                  {t('registry.allScope')}
                </a>
              ) : null
            }
          >
            {user && (
              <DivisionTree
                userId={user.id}
                selectedCode={filters.division}
                onSelectDivision={(code, name) => setFilters({ ...filters, division: code }, name)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={18} xxl={19}>
          <Card
            size="small"
            title={
              <span>
                {t('registry.list')}
                <Tag color="blue" style={{ marginInlineStart: 12 }} data-testid="selected-division">
                  {divisionName ?? t('registry.allScope')}
                </Tag>
              </span>
            }
          >
            <Tabs
              size="small"
              items={[
                {
                  key: 'list',
                  label: t('registry.list'),
                  children: (
                    <>
                      <CompoundFiltersBar filters={filters} onChange={(next) => setFilters(next)} />
                      <CompoundTable
                        filters={filters}
                        onSort={(sort) => setFilters({ ...filters, sort: undefined, order: undefined, ...sort })}
                      />
                    </>
                  ),
                },
                {
                  key: 'map',
                  label: t('districtMap.tab'),
                  destroyOnHidden: true,
                  children: (
                    <DistrictMap
                      division={filters.division}
                      testId="registry-map"
                      onDrill={(code, name) => setFilters({ ...filters, division: code }, name)}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
