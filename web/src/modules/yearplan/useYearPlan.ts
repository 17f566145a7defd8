// The year plan by district: projects by stage, plan totals (BigInt fen), funds by source and
// outcomes, merged from four calls. Districts appear when any of them has figures.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../accounts/index.ts';
import { FUNDING_SOURCES, type OutcomeFigures } from '../projects/index.ts';
import { cityOf, fetchDistricts, fetchFundingSummary, fetchYearOutcomes, fetchYearProjects, yearPlanKeys } from './api.ts';

export interface DistrictRow {
  code: string;
  name: string;
  projects: number;
  byStage: Record<string, number>;
  /** Null when no project of the district reports a plan total. */
  planTotalFen: bigint | null;
  fundsFen: bigint;
  bySource: Record<string, bigint>;
  outcomes: (OutcomeFigures & { projectCount: number }) | null;
}

export function useYearPlan(year: number | null) {
  const { user } = useAuth();
  const city = cityOf(user?.scope.division);
  const enabled = year !== null;
  const y = year ?? 0;
  const projects = useQuery({ queryKey: yearPlanKeys.projects(y), queryFn: ({ signal }) => fetchYearProjects(y, signal), enabled });
  const funding = useQuery({ queryKey: yearPlanKeys.funding(y), queryFn: () => fetchFundingSummary(y), enabled });
  const outcomes = useQuery({ queryKey: yearPlanKeys.outcomes(y), queryFn: () => fetchYearOutcomes(y), enabled });
  const districts = useQuery({
    queryKey: yearPlanKeys.districts(city),
    queryFn: () => fetchDistricts(city!),
    enabled: !!city,
    staleTime: 60 * 60_000,
  });

  const queries = [projects, funding, outcomes];
  const isPending = enabled && queries.some((q) => q.isPending);
  const error = queries.find((q) => q.isError)?.error ?? null;

  const { list, sources } = useMemo(() => {
    const rows = new Map<string, DistrictRow>();
    const names = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
    const row = (code: string): DistrictRow => {
      let r = rows.get(code);
      if (!r) {
        r = {
          code,
          name: names.get(code) ?? code,
          projects: 0,
          byStage: {},
          planTotalFen: null,
          fundsFen: 0n,
          bySource: {},
          outcomes: null,
        };
        rows.set(code, r);
      }
      return r;
    };
    for (const p of projects.data ?? []) {
      const r = row(p.districtCode);
      r.projects += 1;
      r.byStage[p.stage] = (r.byStage[p.stage] ?? 0) + 1;
      if (p.planTotalFen !== null) r.planTotalFen = (r.planTotalFen ?? 0n) + BigInt(p.planTotalFen);
    }
    for (const d of funding.data?.byDivision ?? []) {
      const r = row(d.code);
      r.fundsFen += BigInt(d.totalFen);
      for (const s of d.bySource) r.bySource[s.source] = (r.bySource[s.source] ?? 0n) + BigInt(s.amountFen);
    }
    for (const o of outcomes.data?.items ?? []) if (o.year === y) row(o.districtCode).outcomes = o;
    const present = new Set((funding.data?.bySource ?? []).filter((s) => s.amountFen !== 0).map((s) => s.source));
    return {
      list: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)),
      // Sources in the contract's order, then any the server adds later.
      sources: [
        ...FUNDING_SOURCES.filter((s) => present.has(s)),
        ...[...present].filter((s) => !(FUNDING_SOURCES as readonly string[]).includes(s)),
      ],
    };
  }, [projects.data, funding.data, outcomes.data, districts.data, y]);

  return {
    rows: list,
    sources,
    projectCount: projects.data?.length ?? 0,
    outcomesTotal: outcomes.data?.total ?? null,
    isPending,
    error,
    refetch: () => queries.forEach((q) => void q.refetch()),
  };
}
