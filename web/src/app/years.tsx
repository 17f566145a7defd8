// Year-scoped pages (issue 16, item 4) open on the latest year that has data and say which years have it: one hook
// that picks the year (the one asked for in the address, else the latest with data, else this year) and one select
// that marks the years with data, with the list of them beside it. First written for 综合改一次; the year plan and
// the district assessment use it too.
import { Badge, Select, Space, Typography } from 'antd';
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

const FIRST_YEAR = 2015;

/** A year from the address (?year= or a path part), or null when absent or implausible. */
export function yearParam(raw: string | null | undefined): number | null {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : null;
}

interface Options {
  asked: number | null;
  queryKey: QueryKey;
  /** The years with data, in any order. */
  fetchYears: () => Promise<number[]>;
  /** The latest year with data not after this one is the default (an assessment is of a year gone by). */
  notAfter?: number;
}

/**
 * The year to show and the years to offer: `year` is null while the years with data are still loading (and none
 * was asked for), so the page waits rather than flashing the wrong year.
 */
export function useLatestYear({ asked, queryKey, fetchYears, notAfter }: Options) {
  const found = useQuery({ queryKey, queryFn: fetchYears, staleTime: 60_000 });
  const withData = [...new Set(found.data ?? [])].sort((a, b) => b - a);
  const thisYear = new Date().getFullYear();
  const latest = withData.find((y) => notAfter === undefined || y <= notAfter) ?? withData[0];
  const year = asked ?? (found.isPending ? null : (latest ?? Math.min(thisYear, notAfter ?? thisYear)));
  const top = Math.max(thisYear + 1, withData[0] ?? 0, year ?? 0);
  const bottom = Math.min(FIRST_YEAR, withData[withData.length - 1] ?? FIRST_YEAR, year ?? FIRST_YEAR);
  const offered = Array.from({ length: top - bottom + 1 }, (_, i) => top - i);
  return { year, withData, offered, loading: found.isPending, error: found.error, refetch: found.refetch };
}

interface SelectProps {
  year: number | null;
  withData: readonly number[];
  offered: readonly number[];
  onChange: (year: number) => void;
  testId: string;
  ariaLabel?: string;
  /** The page's own words for a year (default "2026年"). */
  label?: (year: number) => string;
}

/** The year select, years with data marked, and "有数据的年份：…" beside it. */
export function YearSelect({ year, withData, offered, onChange, testId, ariaLabel, label }: SelectProps) {
  const { t } = useTranslation();
  const words = label ?? ((y: number) => t('finding.yearN', { year: y }));
  const has = new Set(withData);
  return (
    <Space size={8} wrap>
      <Select<number>
        data-testid={testId}
        aria-label={ariaLabel}
        value={year ?? undefined}
        style={{ width: 150 }}
        popupMatchSelectWidth={false}
        onChange={onChange}
        options={offered.map((y) => ({ value: y, label: words(y) }))}
        // A year with data is marked by a green dot (its words stay the page's own), and named in words beside.
        optionRender={(o) => (
          <span data-testid="year-option" data-year={o.value} data-has-data={has.has(o.value as number) ? 'true' : 'false'}>
            <Badge status={has.has(o.value as number) ? 'success' : 'default'} style={{ marginInlineEnd: 6 }} />
            {o.label}
          </span>
        )}
      />
      <YearsWithData years={withData} />
    </Space>
  );
}

export function YearsWithData({ years }: { years: readonly number[] }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="years-with-data" data-years={years.join(',')}>
      {years.length
        ? t('finding.years.withData', { years: years.map((y) => t('finding.yearN', { year: y })).join('、') })
        : t('finding.years.none')}
    </Typography.Text>
  );
}
