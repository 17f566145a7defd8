// Account shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { ResponseOf } from '../../api/client.ts';

export type User = ResponseOf<'/api/v1/auth/me'>['user'];
export type UserScope = User['scope'];
export type LoginResponse = ResponseOf<'/api/v1/auth/login', 'post'>;
