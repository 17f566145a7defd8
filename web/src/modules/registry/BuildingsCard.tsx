// Buildings of a compound, each with its units and their household counts.
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Building } from './types.ts';

export default function BuildingsCard({ buildings }: { buildings: Building[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('compound.buildings')} size="small" data-testid="buildings">
      {buildings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compound.noBuildings')} />
      ) : (
        <Flex wrap gap={12}>
          {buildings.map((b) => {
            const total = b.units.reduce((sum, u) => sum + u.households, 0);
            return (
              <Card key={b.id} size="small" type="inner" style={styles.building} data-testid="building">
                <Flex justify="space-between" align="baseline" style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{b.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('compound.unitHouseholds', { count: total })}
                  </Typography.Text>
                </Flex>
                <Flex wrap gap={6}>
                  {b.units.map((u) => (
                    <Tag key={u.id} color="processing" style={{ marginInlineEnd: 0 }}>
                      {u.name} · {u.households}
                    </Tag>
                  ))}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

const styles = {
  building: { width: 240, flex: '1 1 220px', maxWidth: 360, background: '#fafcff' },
} as const;
