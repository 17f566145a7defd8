// Catalogue shapes as the API returns them (docs/api-projects.md, "Catalogue and rules").
export type IndicatorCategory = 'basic' | 'improvement' | 'enhancement';

export const CATEGORIES: readonly IndicatorCategory[] = ['basic', 'improvement', 'enhancement'];

export const SCENARIOS = [
  'neighbourhood',
  'education',
  'health',
  'entrepreneurship',
  'building',
  'transport',
  'low_carbon',
  'service',
  'governance',
] as const;

export const SIX_HAVES = ['有完善设施', '有整洁环境', '有配套服务', '有长效管理', '有特色文化', '有和谐关系'] as const;

export interface Indicator {
  code: string;
  level: 1 | 2 | 3;
  parent: string | null;
  name: string;
  nameEn: string;
  category: IndicatorCategory | null;
  unit: string | null;
  futureScenario: string | null;
  /** One name or several (the reference data names one per first-level area). */
  sixHaves: string | string[] | null;
}

export interface IndicatorList {
  version: string;
  items: Indicator[];
}

export interface PriceList {
  priceList: { id: string; version: string; effectiveFrom: string } | null;
  items: { indicatorCode: string; unitPriceFen: number }[];
}

export interface CatalogueVersion {
  version: string;
  name: string;
  publishedAt: string;
  current: boolean;
}
