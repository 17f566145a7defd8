// 小区档案: the division tree on the left, the filtered compound list on the right.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Breadcrumb, Card, Col, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { exportPath } from './api.ts';
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
  };
}

export default function RegistryPage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const divisionName = params.get('divisionName') ?? filters.division;
  const [exporting, setExporting] = useState(false);

  const setFilters = (next: CompoundFilters, name = params.get('divisionName') ?? undefined) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value !== undefined && value !== '') out.set(key, String(value));
    }
    if (next.division && name) out.set('divisionName', name);
    setParams(out, { replace: true });
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile(exportPath(filters), 'compounds.xlsx');
    } catch (err) {
      void message.error(`${t('registry.exportFailed')}：${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
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
            <CompoundFiltersBar
              filters={filters}
              onChange={(next) => setFilters(next)}
              onExport={() => void onExport()}
              exporting={exporting}
              canExport={can('registry.export')}
            />
            <CompoundTable filters={filters} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
