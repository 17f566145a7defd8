// Every registry list exports to .xlsx with the same columns wherever it is
// asked for (the web's export button, the CLI). Residents stay masked.
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { writeXlsx } from '../../platform/spreadsheet.ts';
import { listHouseholds } from './households.service.ts';
import { allCompounds, type CompoundFilters } from './registry.service.ts';

export function exportCompounds(ctx: AppContext, user: AuthUser, filters: CompoundFilters): Promise<Buffer> {
  return writeXlsx(
    '小区 Compounds',
    [
      { header: '小区名称 Name', width: 28, value: (r) => r.name },
      { header: '社区代码 Community', width: 16, value: (r) => r.communityCode },
      { header: '地址 Address', width: 36, value: (r) => r.address },
      { header: '建成年份 Year built', value: (r) => r.yearBuilt },
      { header: '总建筑面积 m²', value: (r) => Number(r.floorAreaM2) },
      { header: '户数 Households', value: (r) => r.households },
      { header: '可改造 Eligible', value: (r) => (r.eligible ? '是 yes' : '否 no') },
    ],
    allCompounds(ctx, user, filters),
  );
}

async function* allHouseholds(ctx: AppContext, user: AuthUser, compoundId: string) {
  let cursor: string | undefined;
  do {
    const page = await listHouseholds(ctx, user, compoundId, { limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function exportHouseholds(ctx: AppContext, user: AuthUser, compoundId: string): Promise<Buffer> {
  return writeXlsx(
    '户 Households',
    [
      { header: '楼栋 Building', value: (r) => r.building },
      { header: '单元 Unit', value: (r) => r.unit },
      { header: '房号 Room', value: (r) => r.room },
      { header: '建筑面积 m²', value: (r) => Number(r.floorAreaM2) },
      { header: '产权证号 Deed', width: 20, value: (r) => r.deedRef },
      { header: '居民 Residents', width: 30, value: (r) => r.residents.map((p) => `${p.name} ${p.phone ?? ''}`.trim()).join('; ') },
    ],
    allHouseholds(ctx, user, compoundId),
  );
}
