// The demo city's two platforms, disabled until an administrator points them at a real endpoint (an enabled
// connector with no receiver would fill the queue with retries). Their secrets are demo values from the README.
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { encrypt, type PersonalDataKey } from '../../platform/personal-data.ts';
import { exchangeConnectors } from './schema.ts';

export const demoConnectors = [
  {
    code: 'city_management',
    name: '智慧城管',
    endpointUrl: 'http://127.0.0.1:8091/renova/events',
    secret: 'demo-city-management-secret-change-me',
    kinds: ['escalated'],
    categories: [],
  },
  {
    code: 'smart_river',
    name: '智慧河道',
    endpointUrl: 'http://127.0.0.1:8092/renova/events',
    secret: 'demo-smart-river-secret-change-me',
    kinds: ['escalated'],
    categories: ['river_pollution'],
  },
] as const;

export async function seedExchange(tx: Tx, key: PersonalDataKey): Promise<number> {
  const rows = demoConnectors.map((c) => ({
    id: uuidv7(),
    code: c.code,
    name: c.name,
    endpointUrl: c.endpointUrl,
    secretSealed: encrypt(key, c.secret),
    kinds: [...c.kinds],
    categories: [...c.categories],
    enabled: false,
  }));
  const written = await tx.insert(exchangeConnectors).values(rows).onConflictDoNothing().returning({ id: exchangeConnectors.id });
  return written.length;
}
