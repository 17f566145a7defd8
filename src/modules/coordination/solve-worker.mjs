// Worker-thread entry: the solver runs off the server's event loop. The
// TypeScript loader is registered here because workers do not inherit it.
import { register } from 'tsx/esm/api';

register();
await import('./solve.worker.ts');
