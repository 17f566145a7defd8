// What other web modules and the app may use of the yearplan module; nothing else is imported from outside it.
export { yearplanModule } from './module.tsx';
