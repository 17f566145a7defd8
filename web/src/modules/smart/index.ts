// What other web modules (and the app) may use of the smart module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
import { lazy } from 'react';
// A compound page's card of buildings with their devices, in a chunk of its own.
export const CompoundDevicesCard = lazy(() => import('./CompoundDevicesCard.tsx'));
// The overview's safety figures (平安指数), shown only to accounts that read alarms.
export { default as SafetyCards } from './SafetyCards.tsx';
