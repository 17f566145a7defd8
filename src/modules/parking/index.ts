// Parking (R24: 智慧停车): spaces (owned, rented, shared, charging), stays opened and closed by barrier events, fees
// from the versioned tariff rule exact to the fen, monthly passes, payments recorded, and the occupancy residents see.

// The fee as a pure function (tests and gate-side kiosks): the tariff rule's shape and the computation.
export {
  parkingFee,
  monthDays,
  shanghaiDay,
  tariffSchema,
  TARIFF_RULE,
  type Tariff,
  type Fee,
  type DayFee,
  type PassDays,
} from './tariff.ts';
export { seedParking } from './seed.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { parkingDeskRoutes } from './desk.routes.ts';
import { parkingRoutes } from './parking.routes.ts';
import { barrierSessions } from './sessions.ts';
export const manifest = defineModule({
  name: 'parking',
  routes: [parkingRoutes, parkingDeskRoutes],
  handlers: [barrierSessions],
});
