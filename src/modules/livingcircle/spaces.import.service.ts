// A file of space resources: every row checked before anything is written, then one transaction, each row
// registered as offered with its first step, as one by one would. A row already registered (same kind, name and
// place) is left unchanged, so a repeated import changes nothing.
import { and, eq } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { readTable, SpreadsheetError, SpreadsheetTooLargeError } from '../../platform/spreadsheet.ts';
import { keeperOf, rejected } from './facilities.service.ts';
import { circleMessages as m } from './messages.ts';
import { spaceResources, spaceSteps } from './schema.ts';
import { parseSpaces } from './spaces.import.ts';

export async function importSpaces(ctx: AppContext, user: AuthUser, actor: Actor | undefined, filename: string, data: Buffer) {
  let table;
  try {
    table = await readTable(data, filename);
  } catch (err) {
    // A workbook inflating far past its size (a zip bomb) is too large, as the registry's imports answer.
    if (err instanceof SpreadsheetTooLargeError)
      throw problem(413, err.words, { errors: [{ path: 'body.file', message: pm.msg('spreadsheet.field_too_large') }] });
    if (err instanceof SpreadsheetError)
      throw unprocessable(m.msg('import.unreadable', { reason: err.words }), [{ path: 'body.file', message: err.words }]);
    throw err;
  }
  const { rows, errors } = parseSpaces(table);
  if (!user.scope.division) errors.push({ line: 1, column: 'lat', message: m.msg('field.out_of_scope'), path: 'file[1].lat' });
  if (errors.length) throw rejected(errors);
  return ctx.db.transaction(async (tx) => {
    let created = 0;
    for (const r of rows) {
      const latitude = r.lat.toFixed(6);
      const longitude = r.lng.toFixed(6);
      const [same] = await tx
        .select({ id: spaceResources.id })
        .from(spaceResources)
        .where(
          and(
            eq(spaceResources.kind, r.kind),
            eq(spaceResources.name, r.name),
            eq(spaceResources.latitude, latitude),
            eq(spaceResources.longitude, longitude),
          ),
        )
        .limit(1);
      if (same) continue;
      const id = uuidv7();
      await tx.insert(spaceResources).values({
        id,
        kind: r.kind,
        name: r.name,
        areaM2: r.areaM2,
        owner: r.owner,
        latitude,
        longitude,
        divisionCode: await keeperOf(tx, user, r),
        address: r.address,
        condition: r.condition,
      });
      await tx.insert(spaceSteps).values({
        id: uuidv7(),
        spaceId: id,
        status: 'offered',
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? null,
        note: null,
      });
      created++;
    }
    await audit(tx, actor, 'circle.space.import', 'circle_space', null, { rows: rows.length, created });
    return { rows: rows.length, created, unchanged: rows.length - created };
  });
}
