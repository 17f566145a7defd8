// Catalogue shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { ResponseOf } from '../../api/client.ts';

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

export type IndicatorList = ResponseOf<'/api/v1/indicators'>;
export type Indicator = IndicatorList['items'][number];
export type PriceList = ResponseOf<'/api/v1/prices'>;
export type CatalogueVersion = ResponseOf<'/api/v1/catalogue/versions'>['items'][number];
