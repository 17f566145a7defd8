// 方案: build the plan from the catalogue tree, with running totals in exact fen;
// save, submit to the residents' vote, record approval; versions and coverage.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Card, Col, Row, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { fenToYuanString } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import {
  CatalogueFilters,
  IndicatorTree,
  buildTree,
  isFiltering,
  sixHaveNames,
  useCatalogue,
  usePrices,
  type CatalogueFilter,
} from '../catalogue/index.ts';
import { approvePlan, fetchPlan, projectKeys, savePlan, submitPlan } from './api.ts';
import { coverageOf, runningTotals, toPlanInput, type DraftLine } from './planMath.ts';
import PlanItemsTable from './PlanItemsTable.tsx';
import { PlanActions, PlanCoverage, PlanVersions } from './PlanStatusBar.tsx';
import PlanTotals from './PlanTotals.tsx';
import type { Plan, ProjectDetail } from './types.ts';

async function fetchPlanOrNull(id: string, version?: number): Promise<Plan | null> {
  try {
    return await fetchPlan(id, version);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function linesOf(plan: Plan | null, prices: Map<string, number>): DraftLine[] {
  return (plan?.items ?? []).map((i) => ({
    code: i.indicatorCode,
    quantity: i.quantity,
    // A price equal to the list's is the default; only a different one is an override.
    unitPrice: prices.get(i.indicatorCode) === i.unitPriceFen ? '' : fenToYuanString(i.unitPriceFen),
  }));
}

export default function PlanTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const [viewing, setViewing] = useState<number | null>(null);
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [dirty, setDirty] = useState(false);
  const [revising, setRevising] = useState(false);
  const { index, query: catalogueQuery } = useCatalogue();
  const { prices, query: priceQuery } = usePrices(`${project.year}-01-01`);
  const planKey = projectKeys.plan(project.id, viewing ?? undefined);
  const planQuery = useQuery({ queryKey: planKey, queryFn: () => fetchPlanOrNull(project.id, viewing ?? undefined) });
  const plan = planQuery.data ?? null;

  useEffect(() => {
    if (!dirty && planQuery.isSuccess && !priceQuery.isPending) setLines(linesOf(plan, prices));
  }, [plan, prices, planQuery.isSuccess, priceQuery.isPending]);

  const canWrite = can('projects.write');
  const editable = canWrite && viewing === null && (!plan || plan.status === 'draft' || revising);
  const totals = useMemo(() => runningTotals(lines, prices), [lines, prices]);
  const nodes = useMemo(() => (index ? buildTree(index, filter) : []), [index, filter]);
  const codes = lines.map((l) => l.code);
  const coverage = dirty || !plan ? coverageOf(index, codes) : plan.coverage;

  const after = (next: Plan, text: string) => {
    client.setQueryData(projectKeys.plan(project.id), next);
    void client.invalidateQueries({ queryKey: projectKeys.all });
    setViewing(null);
    setDirty(false);
    setRevising(false);
    setLines(linesOf(next, prices));
    void message.success(text);
  };
  const save = useMutation({ mutationFn: () => savePlan(project.id, toPlanInput(lines)), onSuccess: (p) => after(p, t('plan.saved')) });
  const submit = useMutation({ mutationFn: () => submitPlan(project.id), onSuccess: (p) => after(p, t('plan.submitted')) });
  const approve = useMutation({ mutationFn: () => approvePlan(project.id), onSuccess: (p) => after(p, t('plan.approved')) });
  const failed = [save, submit, approve].find((m) => m.isError);
  const busy = save.isPending ? 'save' : submit.isPending ? 'submit' : approve.isPending ? 'approve' : null;

  const view = (version: number | null) => {
    setDirty(false);
    setViewing(version);
  };
  const edit = (next: DraftLine[]) => {
    setLines(next);
    setDirty(true);
  };
  const toggle = (code: string, on: boolean) => {
    if (on && !codes.includes(code)) edit([...lines, { code, quantity: '', unitPrice: '' }].sort((a, b) => a.code.localeCompare(b.code)));
    if (!on) edit(lines.filter((l) => l.code !== code));
  };

  if (planQuery.isError || catalogueQuery.isError) {
    return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(planQuery.error ?? catalogueQuery.error)} />;
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="plan-tab">
      <PlanActions
        plan={plan}
        editable={editable}
        dirty={dirty}
        canWrite={canWrite && viewing === null}
        canApprove={can('plan.approve') && viewing === null}
        busy={busy}
        invalid={totals.invalid.length > 0 || lines.length === 0}
        onSave={() => save.mutate()}
        onSubmit={() => submit.mutate()}
        onApprove={() => approve.mutate()}
        onRevise={() => setRevising(true)}
      />
      {viewing !== null && <Alert type="info" showIcon title={t('plan.viewingOld', { version: viewing })} />}
      {!editable && plan && plan.status !== 'draft' && viewing === null && (
        <Alert type="info" showIcon data-testid="plan-frozen" title={t(`plan.frozen.${plan.status}`)} />
      )}
      {failed && (
        <Alert
          type="error"
          showIcon
          closable
          title={errorMessage(failed.error)}
          description={
            failed.error instanceof ApiError && failed.error.problem.errors?.length ? (
              <ul style={{ margin: 0 }}>
                {failed.error.problem.errors.map((e, i) => (
                  <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {priceQuery.isError && <Alert type="warning" showIcon title={t('plan.noPriceList', { year: project.year })} />}
      <Row gutter={[12, 12]}>
        {editable && (
          <Col xs={24} xl={9} xxl={8}>
            <Card size="small" title={t('plan.pick')} data-testid="plan-picker">
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <CatalogueFilters value={filter} onChange={setFilter} sixHaves={sixHaveNames(index)} compact />
                <IndicatorTree
                  nodes={nodes}
                  filtering={isFiltering(filter)}
                  prices={prices}
                  checkable
                  checked={codes}
                  onToggle={toggle}
                  height={560}
                />
              </Space>
            </Card>
          </Col>
        )}
        <Col xs={24} xl={editable ? 15 : 24} xxl={editable ? 16 : 24}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('plan.items', { count: lines.length })}>
              {editable && lines.length === 0 && <Typography.Text type="secondary">{t('plan.pickHint')}</Typography.Text>}
              <PlanItemsTable
                lines={lines}
                index={index}
                prices={prices}
                totals={totals}
                editable={editable}
                onChange={(code, patch) => edit(lines.map((l) => (l.code === code ? { ...l, ...patch } : l)))}
                onRemove={(code) => toggle(code, false)}
              />
            </Card>
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={12}>
                <PlanTotals totals={totals} index={index} saved={viewing === null ? plan : null} dirty={dirty} />
              </Col>
              <Col xs={24} lg={12}>
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  <PlanCoverage coverage={coverage} />
                  {plan && plan.versions.length > 0 && <PlanVersions plan={plan} viewing={viewing} onView={view} />}
                </Space>
              </Col>
            </Row>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
