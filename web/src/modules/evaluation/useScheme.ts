// The assessment scheme of a version (the policy rule `assessment.scheme`): the names of the
// indicators and bonus grounds, which the assessment itself carries only as codes.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchRules, policyKeys } from '../policy/index.ts';
import type { Scheme } from './types.ts';

export function useScheme(version: string | undefined) {
  const { i18n } = useTranslation();
  const query = useQuery({ queryKey: policyKeys.rules(), queryFn: fetchRules, staleTime: 10 * 60_000 });
  const rule = query.data?.find((r) => r.key === 'assessment.scheme' && r.version === version);
  const scheme = rule ? (rule.value as Scheme) : undefined;
  const en = i18n.language === 'en';
  const label = (item: { name: string; name_en?: string } | undefined, code: string) =>
    item ? (en ? (item.name_en ?? item.name) : item.name) : code;
  const indicators = scheme?.aspects.flatMap((a) => a.indicators) ?? [];
  return {
    scheme,
    indicators,
    grounds: scheme?.bonus.grounds ?? [],
    indicatorName: (code: string) =>
      label(
        indicators.find((i) => i.code === code),
        code,
      ),
    groundName: (code: string) =>
      label(
        scheme?.bonus.grounds.find((g) => g.code === code),
        code,
      ),
  };
}
