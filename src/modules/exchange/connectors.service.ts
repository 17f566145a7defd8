// Connectors: one per city platform, kept by city administrators. The shared secret is made here, shown once
// (on create and on rotation) and kept sealed; every change is audited without the secret.
import { and, count, eq, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decrypt, encrypt } from '../../platform/personal-data.ts';
import { gridCategories } from './grid-seam.ts';
import { exchangeMessages as xm } from './messages.ts';
import { deliveryStatuses, exchangeConnectors, exchangeDeliveries, type DeliveryStatus, type ExchangeKind } from './schema.ts';
import { newSecret } from './signature.ts';

type Row = typeof exchangeConnectors.$inferSelect;
const RESERVED = new Set(['connectors', 'deliveries']);

export interface ConnectorInput {
  code: string;
  name: string;
  endpointUrl: string;
  kinds: ExchangeKind[];
  categories: string[];
  enabled?: boolean;
  maxTries?: number;
  backoffSeconds?: number;
  timeoutSeconds?: number;
}

export interface ConnectorView {
  id: string;
  code: string;
  name: string;
  endpointUrl: string;
  kinds: ExchangeKind[];
  categories: string[];
  enabled: boolean;
  maxTries: number;
  backoffSeconds: number;
  timeoutSeconds: number;
  secretRotatedAt: string;
  createdAt: string;
  updatedAt: string;
  deliveries: Record<DeliveryStatus, number>;
}

function view(r: Row, counts: Partial<Record<DeliveryStatus, number>> = {}): ConnectorView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    endpointUrl: r.endpointUrl,
    kinds: r.kinds as ExchangeKind[],
    categories: r.categories,
    enabled: r.enabled,
    maxTries: r.maxTries,
    backoffSeconds: r.backoffSeconds,
    timeoutSeconds: r.timeoutSeconds,
    secretRotatedAt: r.secretRotatedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deliveries: Object.fromEntries(deliveryStatuses.map((s) => [s, counts[s] ?? 0])) as Record<DeliveryStatus, number>,
  };
}

async function countsOf(ctx: AppContext, connectorId?: string) {
  const rows = await ctx.db
    .select({ connectorId: exchangeDeliveries.connectorId, status: exchangeDeliveries.status, n: count() })
    .from(exchangeDeliveries)
    .where(connectorId ? eq(exchangeDeliveries.connectorId, connectorId) : undefined)
    .groupBy(exchangeDeliveries.connectorId, exchangeDeliveries.status);
  const by = new Map<string, Partial<Record<DeliveryStatus, number>>>();
  for (const r of rows) by.set(r.connectorId, { ...by.get(r.connectorId), [r.status]: Number(r.n) });
  return by;
}

export async function listConnectors(ctx: AppContext): Promise<{ items: ConnectorView[] }> {
  const rows = await ctx.db.select().from(exchangeConnectors).orderBy(exchangeConnectors.code);
  const counts = await countsOf(ctx);
  return { items: rows.map((r) => view(r, counts.get(r.id))) };
}

async function rowOf(ctx: AppContext, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(exchangeConnectors).where(eq(exchangeConnectors.id, id)).limit(1);
  if (!row) throw notFound(xm.msg('exchange.connector.entity', { id }));
  return row;
}

export async function getConnector(ctx: AppContext, id: string): Promise<ConnectorView> {
  const row = await rowOf(ctx, id);
  return view(row, (await countsOf(ctx, id)).get(id));
}

/** The connector and its secret in clear, for signing and verifying (never leaves the process). */
export async function connectorWithSecret(ctx: AppContext, code: string): Promise<(Row & { secret: string }) | null> {
  const [row] = await ctx.db.select().from(exchangeConnectors).where(eq(exchangeConnectors.code, code)).limit(1);
  return row ? { ...row, secret: decrypt(ctx.personalKey, row.secretSealed) } : null;
}

function checkEndpoint(url: string) {
  let ok = false;
  try {
    const u = new URL(url);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    ok = false;
  }
  if (!ok)
    throw unprocessable(xm.msg('exchange.endpoint_invalid'), [
      { path: 'body.endpointUrl', message: xm.msg('exchange.field.endpoint_invalid') },
    ]);
}

async function checkCategories(ctx: AppContext, categories: string[]) {
  if (!categories.length) return;
  const known = new Set((await gridCategories(ctx)).items.map((c) => c.code));
  const i = categories.findIndex((c) => !known.has(c));
  if (i >= 0)
    throw unprocessable(xm.msg('exchange.category_unknown', { category: categories[i]! }), [
      { path: `body.categories.${i}`, message: xm.msg('exchange.field.category_unknown') },
    ]);
}

export async function createConnector(
  ctx: AppContext,
  actor: Actor | undefined,
  input: ConnectorInput,
): Promise<{ connector: ConnectorView; secret: string }> {
  if (RESERVED.has(input.code))
    throw unprocessable(xm.msg('exchange.code_reserved', { code: input.code }), [
      { path: 'body.code', message: xm.msg('exchange.field.code_reserved') },
    ]);
  checkEndpoint(input.endpointUrl);
  await checkCategories(ctx, input.categories);
  const secret = newSecret();
  const id = uuidv7();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(exchangeConnectors)
      .values({
        id,
        ...input,
        kinds: [...new Set(input.kinds)],
        categories: [...new Set(input.categories)],
        secretSealed: encrypt(ctx.personalKey, secret),
      })
      .onConflictDoNothing()
      .returning();
    if (!created)
      throw conflict(xm.msg('exchange.code_taken', { code: input.code }), {
        errors: [{ path: 'body.code', message: xm.msg('exchange.field.code_taken') }],
      });
    await audit(tx, actor, 'exchange.connector_created', 'exchange_connector', id, { code: input.code });
    return created;
  });
  return { connector: view(row), secret };
}

export async function updateConnector(
  ctx: AppContext,
  actor: Actor | undefined,
  id: string,
  patch: Partial<Omit<ConnectorInput, 'code'>>,
): Promise<ConnectorView> {
  await rowOf(ctx, id);
  if (patch.endpointUrl !== undefined) checkEndpoint(patch.endpointUrl);
  if (patch.categories) await checkCategories(ctx, patch.categories);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(exchangeConnectors)
      .set({
        ...patch,
        ...(patch.kinds ? { kinds: [...new Set(patch.kinds)] } : {}),
        ...(patch.categories ? { categories: [...new Set(patch.categories)] } : {}),
        updatedAt: new Date(),
      })
      .where(eq(exchangeConnectors.id, id));
    await audit(tx, actor, 'exchange.connector_updated', 'exchange_connector', id, { fields: Object.keys(patch) });
  });
  return getConnector(ctx, id);
}

export async function rotateSecret(
  ctx: AppContext,
  actor: Actor | undefined,
  id: string,
): Promise<{ connector: ConnectorView; secret: string }> {
  await rowOf(ctx, id);
  const secret = newSecret();
  await ctx.db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(exchangeConnectors)
      .set({ secretSealed: encrypt(ctx.personalKey, secret), secretRotatedAt: now, updatedAt: now })
      .where(eq(exchangeConnectors.id, id));
    await audit(tx, actor, 'exchange.secret_rotated', 'exchange_connector', id);
  });
  return { connector: await getConnector(ctx, id), secret };
}

export async function deleteConnector(ctx: AppContext, actor: Actor | undefined, id: string): Promise<void> {
  const row = await rowOf(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const [used] = await tx
      .select({ n: count() })
      .from(exchangeDeliveries)
      .where(and(eq(exchangeDeliveries.connectorId, id)));
    const [linked] = await tx
      .execute<{ n: number }>(sql`select count(*)::int as n from exchange_links where connector_id = ${id}`)
      .then((r) => r.rows);
    if (Number(used!.n) > 0 || linked!.n > 0) throw conflict(xm.msg('exchange.connector_has_deliveries'));
    await tx.delete(exchangeConnectors).where(eq(exchangeConnectors.id, id));
    await audit(tx, actor, 'exchange.connector_deleted', 'exchange_connector', id, { code: row.code });
  });
}
