// What other web modules and the app may use of the accounts module; nothing else is imported from outside it.
export { ME_KEY, useAuth } from './AuthProvider.tsx';
export { AuthProvider } from './AuthProvider.tsx';
export { accountsModule } from './module.tsx';
