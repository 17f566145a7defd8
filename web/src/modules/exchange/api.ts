// Exchange calls and their TanStack Query keys.
import { api, type ResponseAt } from '../../api/client.ts';

export type Connector = ResponseAt<'/api/v1/exchange/connectors/{id}', 'get', 200>;
export type WithSecret = ResponseAt<'/api/v1/exchange/connectors', 'post', 201>;
export type DeliverySummary = ResponseAt<'/api/v1/exchange/deliveries', 'get', 200>['items'][number];
export type Delivery = ResponseAt<'/api/v1/exchange/deliveries/{id}', 'get', 200>;
export type DeliveryStatus = DeliverySummary['status'];
export type ExchangeKind = Connector['kinds'][number];

export const deliveryStatuses: DeliveryStatus[] = ['pending', 'retrying', 'delivered', 'parked'];
export const exchangeKinds: ExchangeKind[] = ['escalated', 'created', 'transitioned'];

export interface DeliveryFilters {
  connectorId?: string;
  status?: DeliveryStatus;
}

export const exchangeKeys = {
  all: ['exchange'] as const,
  connectors: ['exchange', 'connectors'] as const,
  deliveries: (f: DeliveryFilters) => ['exchange', 'deliveries', f] as const,
  delivery: (id: string) => ['exchange', 'delivery', id] as const,
};

export interface ConnectorSettings {
  name: string;
  endpointUrl: string;
  kinds: ExchangeKind[];
  categories: string[];
  enabled: boolean;
  maxTries: number;
  backoffSeconds: number;
  timeoutSeconds: number;
}

export const fetchConnectors = () => api.get('/api/v1/exchange/connectors');
export const fetchCategories = () => api.get('/api/v1/grid-categories');
export const categoryKeys = ['grid-categories'] as const;
export const createConnector = (body: ConnectorSettings & { code: string }) => api.post('/api/v1/exchange/connectors', { body });
export const updateConnector = (id: string, body: Partial<ConnectorSettings>) =>
  api.patch('/api/v1/exchange/connectors/{id}', { params: { id }, body });
export const rotateSecret = (id: string) => api.post('/api/v1/exchange/connectors/{id}/rotate-secret', { params: { id } });

export const fetchDeliveries = (f: DeliveryFilters, limit: number, cursor: string | null) =>
  api.get('/api/v1/exchange/deliveries', { query: { connectorId: f.connectorId, status: f.status, limit, cursor: cursor ?? undefined } });
export const fetchDelivery = (id: string) => api.get('/api/v1/exchange/deliveries/{id}', { params: { id } });
export const replayDelivery = (id: string) => api.post('/api/v1/exchange/deliveries/{id}/replay', { params: { id } });
