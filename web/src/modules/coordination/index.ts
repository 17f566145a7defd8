// What other web modules and the app may use of the coordination module; nothing else is imported from outside it.
export { coordinationModule } from './module.tsx';
