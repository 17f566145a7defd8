// For the benchmark only: many deliveries queued at once to one connector, as the handlers would queue them
// (a delivery row with a realistic message and its job with the connector's retry options).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { queueDeliveries } from './deliver.ts';
import { exchangeConnectors, exchangeDeliveries } from './schema.ts';

export async function benchDeliveries(ctx: AppContext, connectorId: string, n: number, chunk = 2000): Promise<number> {
  const [c] = await ctx.db.select().from(exchangeConnectors).where(eq(exchangeConnectors.id, connectorId));
  if (!c) throw new Error(`no connector ${connectorId}`);
  for (let done = 0; done < n; done += chunk) {
    const rows = Array.from({ length: Math.min(chunk, n - done) }, (_, i) => {
      const eventId = uuidv7();
      const gridEventId = uuidv7();
      return {
        id: uuidv7(),
        connectorId,
        eventId,
        sourceEventId: uuidv7(),
        kind: 'escalated' as const,
        gridEventId,
        category: 'river_pollution',
        body: JSON.stringify({
          id: eventId,
          type: 'grid.event_escalated',
          occurredAt: new Date().toISOString(),
          platform: c.code,
          event: {
            id: gridEventId,
            ref: `2026-${String(done + i).padStart(6, '0')}`,
            category: 'river_pollution',
            description: '河道旁发现倾倒垃圾，水面有漂浮物',
            state: 'accepted',
            level: 'city',
            lat: 30.2741,
            lng: 120.1551,
          },
          change: { level: 'city' },
        }),
      };
    });
    await ctx.db.transaction(async (tx) => {
      await tx.insert(exchangeDeliveries).values(rows);
      await queueDeliveries(
        ctx,
        tx,
        rows.map((r) => ({ deliveryId: r.id, maxTries: c.maxTries, backoffSeconds: c.backoffSeconds, timeoutSeconds: c.timeoutSeconds })),
      );
    });
  }
  return n;
}
