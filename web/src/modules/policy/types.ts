// Policy rule shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export type PolicyRule = ResponseOf<'/api/v1/policy-rules'>['items'][number];
export type NewRuleVersion = BodyOf<'/api/v1/policy-rules', 'post'>;
