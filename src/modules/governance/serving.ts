// Which registered property company serves each renovated project's compounds (the market module's subsidy asks).
import { eq, sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { projectGovernance, propertyCompanies } from './schema.ts';

export interface ServingCompany {
  id: string;
  name: string;
  status: 'active' | 'suspended';
}

/** The company recorded in each project's governance, by project id; projects without one are left out. */
export async function servingCompanies(db: Db | Tx, projectIds: string[]): Promise<Map<string, ServingCompany>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .select({
      projectId: projectGovernance.projectId,
      id: propertyCompanies.id,
      name: propertyCompanies.name,
      status: propertyCompanies.status,
    })
    .from(projectGovernance)
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, projectGovernance.propertyCompanyId))
    .where(sql`${projectGovernance.projectId} = any(${pgArray(projectIds)}::uuid[])`);
  return new Map(rows.map((r) => [r.projectId, { id: r.id, name: r.name, status: r.status }]));
}
