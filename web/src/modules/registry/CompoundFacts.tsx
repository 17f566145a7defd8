// The compound's header facts as a description list.
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatArea, formatCount } from './format.ts';
import type { CompoundDetail } from './types.ts';

export default function CompoundFacts({ compound }: { compound: CompoundDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const coords = compound.longitude && compound.latitude ? `${compound.longitude}, ${compound.latitude}` : '—';
  return (
    <Descriptions
      data-testid="compound-facts"
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        {
          key: 'path',
          label: t('compound.divisionPath'),
          span: 'filled',
          children: compound.divisionNames.join(' / '),
        },
        { key: 'address', label: t('compound.address'), span: 'filled', children: compound.address },
        { key: 'year', label: t('compound.yearBuilt'), children: compound.yearBuilt },
        {
          key: 'area',
          label: t('compound.floorArea'),
          children: `${formatArea(compound.floorAreaM2, lang)} ${t('common.unit.m2')}`,
        },
        {
          key: 'households',
          label: t('compound.households'),
          children: `${formatCount(compound.households, lang)} ${t('common.unit.households')}`,
        },
        {
          key: 'buildings',
          label: t('compound.buildingsCount'),
          children: `${formatCount(compound.buildingsCount, lang)} ${t('common.unit.buildings')}`,
        },
        {
          key: 'mode',
          label: t('compound.propertyMode'),
          children: t(`compound.propertyModes.${compound.propertyMode}`, { defaultValue: compound.propertyMode }),
        },
        { key: 'coords', label: t('compound.coordinates'), children: coords },
      ]}
    />
  );
}
