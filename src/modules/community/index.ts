// Community services on the residents' app (issue 14, items 4 and 8): the community canteen with menus, bookings
// and the subsidised price; notices targeted by compound, building or group with read receipts; the lobby
// information screen; community commerce. Other modules use only what is exported here.
export { mealPrice, ageOn, openAt, reaches, bookingCutoff, type SubsidyRule, type BookingRule, type Price } from './rules.ts';
export { setScreenToken, screenPath } from './screen.service.ts';
export { seedCommunity, DEMO_SCREEN_TOKEN } from './seed.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { canteenRoutes } from './canteen.routes.ts';
import { noticeRoutes } from './notices.routes.ts';
import { placesRoutes } from './places.routes.ts';
export const manifest = defineModule({
  name: 'community',
  routes: [canteenRoutes, noticeRoutes, placesRoutes],
});
