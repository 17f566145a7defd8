// Outbound deliveries for the grid benchmark: filled in once the exchange's bench surface is merged.
import type { AppContext } from '../../src/platform/context.ts';

export interface OutboundFigures {
  deliveries: number;
  received: number;
  badSignatures: number;
  perSecond: number;
  seconds: number;
  maxTries: number;
  rawPerSecond: number;
  rawConcurrency: number;
}

export async function measureOutbound(_ctx: AppContext, _deliveries: number): Promise<OutboundFigures | null> {
  return Promise.resolve(null);
}
