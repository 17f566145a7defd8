import type { AppContext } from '../platform/context.ts';
import { Problem } from '../platform/http/problem.ts';
import { authUserByUsername } from '../modules/accounts/index.ts';
import { exportCompounds, importFile, importKinds, type ImportKind } from '../modules/registry/index.ts';

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
  return exportCompounds(ctx, await authUserByUsername(ctx, username), { division });
}
