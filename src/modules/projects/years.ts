// The years that have projects (issue 16, item 4): what a year-scoped page opens on (the latest) and offers as
// "years with data", within the caller's scope and, if asked, one division inside it.
import { and, desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { divisionPrefix } from '../registry/index.ts';
import { scopeSql } from './projects.service.ts';
import { projects } from './schema.ts';

export const projectYearsQuery = z.object({
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a division code of 6, 9 or 12 digits')
    .optional(),
});

/** The years with at least one project in scope (and in the division, if asked), newest first. */
export async function projectYears(ctx: AppContext, user: AuthUser, q: z.infer<typeof projectYearsQuery>): Promise<{ years: number[] }> {
  const rows = await ctx.db
    .selectDistinct({ year: projects.year })
    .from(projects)
    .where(
      and(
        scopeSql(user),
        q.division
          ? sql`exists (select 1 from unnest(${projects.communityCodes}) c where c like ${`${divisionPrefix(q.division)}%`})`
          : undefined,
      ),
    )
    .orderBy(desc(projects.year));
  return { years: rows.map((r) => r.year) };
}
