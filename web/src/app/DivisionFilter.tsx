// A list's district and subdistrict filter (issue 16, item 4; the projects and the work packages): districts under the
// city, then the chosen district's subdistricts; under a district (a district officer's scope, or a page narrowed to
// one) only the subdistrict is chosen. `root` is the division the list already shows (default: the account's scope).
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../modules/accounts/index.ts';
import { fetchDivisions, registryKeys } from '../modules/registry/index.ts';

const isCity = (code: string) => code.length === 6 && code.endsWith('00');

interface Props {
  division?: string;
  onChange: (division?: string) => void;
  root?: string;
  /** The selects' test ids: `<prefix>-district` and `<prefix>-subdistrict`. */
  testIdPrefix?: string;
}

export default function DivisionFilter({ division, onChange, root: asked, testIdPrefix = 'project-filter' }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const root = asked ?? user?.scope.division ?? null;
  const cityRoot = root !== null && isCity(root);
  const district = root && !cityRoot && root.length === 6 ? root : division && !isCity(division) ? division.slice(0, 6) : undefined;
  const districts = useQuery({
    queryKey: registryKeys.divisions(root),
    queryFn: () => fetchDivisions(root),
    enabled: cityRoot,
    staleTime: 10 * 60_000,
  });
  const subdistricts = useQuery({
    queryKey: registryKeys.divisions(district ?? null),
    queryFn: () => fetchDivisions(district!),
    enabled: !!district && (cityRoot || root === district),
    staleTime: 10 * 60_000,
  });
  if (!cityRoot && root?.length !== 6) return null;
  const subdistrict = division && division.length === 9 ? division : undefined;
  return (
    <>
      {cityRoot && (
        <Select<string>
          data-testid={`${testIdPrefix}-district`}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('trust.lists.allDistricts')}
          value={district}
          onChange={(code) => onChange(code || undefined)}
          style={{ width: 140 }}
          options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        />
      )}
      {district && (
        <Select<string>
          data-testid={`${testIdPrefix}-subdistrict`}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('trust.lists.allSubdistricts')}
          value={subdistrict}
          onChange={(code) => onChange(code || (cityRoot ? district : undefined))}
          style={{ width: 150 }}
          options={(subdistricts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        />
      )}
    </>
  );
}
