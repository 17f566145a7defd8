// What other web modules and the app may use of the resident module; nothing else is imported from outside it.
export { residentModule } from './module.tsx';
