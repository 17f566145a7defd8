import { describe, expect, it } from 'vitest';
import type { Indicator } from '../catalogue/index.ts';
import { basicNeedsLeftOut, costPlan, resolvePlanLines } from './plan.ts';

const ind = (code: string, level: number, parent: string | null, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  level,
  parent,
  name: code,
  nameEn: code,
  category: level === 1 ? null : 'basic',
  unit: level === 3 ? 'm2' : null,
  futureScenario: null,
  sixHaves: null,
  ...extra,
});
const catalogue = new Map(
  [
    ind('01', 1, null, { sixHaves: '有完善设施' }),
    ind('01.01', 2, '01'),
    ind('01.01.01', 3, '01.01', { futureScenario: 'low_carbon' }),
    ind('05', 1, null, { sixHaves: '有长效管理' }),
    ind('05.01', 2, '05'),
    ind('05.01.01', 3, '05.01', { sixHaves: '有和谐关系', futureScenario: 'governance' }),
  ].map((i) => [i.code, i]),
);

describe('plan costing', () => {
  it('rounds each line half up to the fen and totals by level', () => {
    const { lines, errors } = resolvePlanLines(
      [
        { indicatorCode: '01.01.01', quantity: '0.5', unitPriceFen: 1 },
        { indicatorCode: '05.01.01', quantity: '0.49', unitPriceFen: 1 },
      ],
      catalogue,
      new Map(),
    );
    expect(errors).toEqual([]);
    const plan = costPlan(lines, catalogue, ['有完善设施', '有长效管理', '有和谐关系'], ['low_carbon', 'governance', 'health']);
    expect(plan.items.map((i) => i.amountFen)).toEqual([1n, 0n]);
    expect(plan.byLevel1.map((l) => [l.code, l.amountFen])).toEqual([
      ['01', 1n],
      ['05', 0n],
    ]);
    expect(plan.coverage.sixHaves.every((h) => h.covered)).toBe(true);
    expect(plan.coverage.scenarios).toEqual([
      { scenario: 'low_carbon', covered: true },
      { scenario: 'governance', covered: true },
      { scenario: 'health', covered: false },
    ]);
  });

  it('names lines that are not third-level, repeat, or have no price', () => {
    const { errors } = resolvePlanLines(
      [
        { indicatorCode: '01.01', quantity: '1' },
        { indicatorCode: '01.01.01', quantity: '1' },
        { indicatorCode: '01.01.01', quantity: '2', unitPriceFen: 5 },
      ],
      catalogue,
      new Map(),
    );
    expect(errors.map((e) => e.path)).toEqual(['body.items.0.indicatorCode', 'body.items.1.unitPriceFen', 'body.items.2.indicatorCode']);
  });
});

describe('basic needs left out', () => {
  it('flags basic items the survey found needed but the plan omits, and nothing else', () => {
    const withImprovement = new Map(catalogue);
    withImprovement.set('01.01.02', ind('01.01.02', 3, '01.01', { category: 'improvement' }));
    withImprovement.set('01.01.03', ind('01.01.03', 3, '01.01'));
    const flagged = basicNeedsLeftOut(new Set(['01.01.01', '01.01.02', '01.01.03', '99.99.99']), ['01.01.01'], withImprovement);
    expect(flagged.map((i) => i.code)).toEqual(['01.01.03']);
  });
});
