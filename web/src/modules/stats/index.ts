// What other web modules and the app may use of the stats module; nothing else is imported from outside it.
export { statsModule } from './module.tsx';
