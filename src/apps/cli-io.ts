import type { AppContext } from '../platform/context.ts';
import { Problem } from '../platform/http/problem.ts';
import { writeXlsx } from '../platform/spreadsheet.ts';
import { authUserByUsername } from '../modules/accounts/index.ts';
import { allCompounds, importFile, importKinds, type ImportKind } from '../modules/registry/index.ts';

export async function cliImport(ctx: AppContext, username: string, kind: string, filename: string, data: Buffer) {
  if (!importKinds.includes(kind as ImportKind)) throw new Error(`import kind must be one of ${importKinds.join(', ')}`);
  const user = await authUserByUsername(ctx, username);
  try {
    const outcome = await importFile(ctx, user, { id: user.id, username: user.username, ip: 'cli' }, kind as ImportKind, filename, data, {
      background: false,
    });
    return outcome.status === 200 ? outcome.result : outcome;
  } catch (err) {
    if (err instanceof Problem) return err.body() as { errors: unknown };
    throw err;
  }
}

export async function cliExport(ctx: AppContext, username: string, division?: string): Promise<Buffer> {
  const user = await authUserByUsername(ctx, username);
  return writeXlsx(
    'Compounds',
    [
      { header: '小区名称 Name', value: (r) => r.name },
      { header: '社区代码 Community', value: (r) => r.communityCode },
      { header: '地址 Address', value: (r) => r.address },
      { header: '建成年份 Year built', value: (r) => r.yearBuilt },
      { header: '总建筑面积 m²', value: (r) => Number(r.floorAreaM2) },
      { header: '户数 Households', value: (r) => r.households },
      { header: '可改造 Eligible', value: (r) => (r.eligible ? 'yes' : 'no') },
    ],
    allCompounds(ctx, user, { division }),
  );
}
