// Policy rule calls and their TanStack Query keys.
import { api } from '../../api/client.ts';
import type { NewRuleVersion, PolicyRule } from './types.ts';

export const policyKeys = { rules: () => ['policy', 'rules'] as const };

export const fetchRules = () => api.get('/api/v1/policy-rules').then((b) => b.items);

export const publishRule = (body: NewRuleVersion) => api.post('/api/v1/policy-rules', { body });

/** Today in the city's time zone (Asia/Shanghai), YYYY-MM-DD. */
export const todayInCity = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The version in force on `day`: the latest effective-from on or before it, not yet ended. */
export function inForce(versions: PolicyRule[], day: string): PolicyRule | undefined {
  return versions
    .filter((r) => r.effectiveFrom <= day && (!r.effectiveTo || r.effectiveTo > day))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.publishedAt.localeCompare(a.publishedAt))[0];
}

/** Rules grouped by key, keys in order, versions newest effective date first. */
export function groupRules(rules: PolicyRule[]): [string, PolicyRule[]][] {
  const groups = new Map<string, PolicyRule[]>();
  for (const r of rules) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  for (const list of groups.values())
    list.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.publishedAt.localeCompare(a.publishedAt));
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
