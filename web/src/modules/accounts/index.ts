// What other web modules (and the app) may use of the accounts module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { AuthProvider, ME_KEY, useAuth } from './AuthProvider.tsx';
