// The exchange with the city's platforms (智慧城管, 智慧河道, …): signed, retried, logged deliveries of grid events
// out, and the platforms' own events and progress in. Other modules know it only through this file.
export { deliverPending } from './deliver.ts';
export { seedExchange, demoConnectors } from './seed.ts';
export { sign as signExchangeBody } from './signature.ts';

import type { AppContext } from '../../platform/context.ts';
import { defineModule } from '../../platform/module.ts';
import { createConnector, type ConnectorInput } from './connectors.service.ts';
import { queueDeliveries, startDeliveryWorkers } from './deliver.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { inboundRoutes } from './inbound.routes.ts';
import { outboundHandlers } from './outbound.ts';
import { benchDeliveries } from './bench-support.ts';

/** What the benchmark needs: a connector to a local receiver and many queued deliveries to it. */
export const exchangeBench = {
  createConnector: (ctx: AppContext, input: ConnectorInput) => createConnector(ctx, undefined, input),
  queueDeliveries: benchDeliveries,
  queue: queueDeliveries,
};

export const manifest = defineModule({
  name: 'exchange',
  routes: [exchangeRoutes, inboundRoutes],
  handlers: outboundHandlers,
  onWorkerStart: [startDeliveryWorkers],
});

/** A real receiving platform (node:http on a free port) for browser tests and the benchmark. */
export { startReceiver as startExchangeReceiver, type Receiver as ExchangeReceiver } from './receiver.testing.ts';
