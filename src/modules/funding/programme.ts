// Payments the funding plan does not hold: the property-service subsidy (R16) is applied for and approved month by
// month in the market module, and paid here, into the same disbursement ledger as every other source, against the
// compound's renovation project.
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { disbursements } from './schema.ts';

export interface SubsidyPayment {
  projectId: string;
  amountFen: bigint;
  paidOn: string;
  payee: string;
  documentRef: string;
  createdBy: string | null;
}

/** Records an approved property-service subsidy as a disbursement, in the caller's transaction; answers its id. */
export async function recordSubsidyDisbursement(tx: Tx, p: SubsidyPayment): Promise<string> {
  const id = uuidv7();
  await tx.insert(disbursements).values({
    id,
    projectId: p.projectId,
    source: 'property_subsidy',
    amountFen: p.amountFen,
    paidOn: p.paidOn,
    payee: p.payee,
    documentRef: p.documentRef,
    createdBy: p.createdBy,
  });
  return id;
}
