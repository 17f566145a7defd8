// Passage (R24: 居民通行、访客通行、车辆通行): compounds' Ed25519 keys, residents' short-lived access QR codes verified
// offline by gates, visitor passes, registered vehicles, and the revocation and plate lists pushed to gates and
// barriers as retained MQTT messages through the smart community core.

// For gate software, tests and bench:passage: the offline check of a scanned code, and how codes are made.
export {
  verifyAccessQr,
  signAccessQr,
  gateKey,
  keyIdOf,
  QR_PREFIX,
  refusalReasons,
  type AccessClaims,
  type GateKey,
  type RefusalReason,
  type Verification,
} from './qr.ts';
export { normalizePlate, plateKind, type PlateKind } from './plates.ts';
export { LIST_PROFILES, type RevocationList, type PlateList } from './lists.ts';
export { seedPassage } from './seed.ts';
// For modules that let a plate through the barriers for a while (parking's monthly passes), in their own transaction;
// and the sweep that pushes plate lists again once a window has ended (its job runs it by the clock; tests move `now`).
export { allowPlate, pushEndedWindows, type PlateGrant } from './allowances.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { plateWindowsSweep } from './allowances.ts';
import { pushListsHandler, pushToNewDevices } from './lists.ts';
import { passageRoutes } from './passage.routes.ts';
import { visitorEntries } from './passages.ts';
export const manifest = defineModule({
  name: 'passage',
  routes: [passageRoutes],
  handlers: [pushListsHandler, pushToNewDevices, visitorEntries],
  // Windows end on the hour at most (passes at midnight, visitors when their host said): a few minutes late is fine.
  schedules: [{ kind: plateWindowsSweep, cron: '*/5 * * * *' }],
});
