// 指标体系: the 5 / 33 / 134 indicator catalogue with search, filters and unit prices.
import { useMemo, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import CatalogueFilters from './CatalogueFilters.tsx';
import { buildTree, countLeaves, isFiltering, sixHaveNames, type CatalogueFilter } from './catalogueTree.ts';
import IndicatorTree from './IndicatorTree.tsx';
import TechDetails from '../../app/TechDetails.tsx';
import { useCatalogue, usePrices } from './useCatalogue.ts';

export default function CataloguePage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const { query, index, version } = useCatalogue();
  const { prices, priceList, query: priceQuery } = usePrices();
  const nodes = useMemo(() => (index ? buildTree(index, filter) : []), [index, filter]);
  const counts = useMemo(() => {
    const items = query.data?.items ?? [];
    return [1, 2, 3].map((level) => items.filter((i) => i.level === level).length);
  }, [query.data]);

  let body;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (query.isError)
    body = (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  else if (nodes.length === 0) body = <Empty description={t('catalogue.noMatch')} />;
  else body = <IndicatorTree nodes={nodes} filtering={isFiltering(filter)} prices={prices} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="catalogue-page">
      <Breadcrumb items={[{ title: t('app.shortTitle') }, { title: t('catalogue.title') }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t('catalogue.title')}</span>
            {version && <Tag color="blue">{t('catalogue.version', { version })}</Tag>}
            {query.data && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="catalogue-counts">
                {t('catalogue.counts', { l1: counts[0], l2: counts[1], l3: counts[2] })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          priceList ? (
            <Typography.Text type="secondary">
              {t('catalogue.priceList', { from: priceList.effectiveFrom })}{' '}
              {/* The list's version is what a plan records; those who verify a plan's prices open it. */}
              <TechDetails inline>{priceList.version}</TechDetails>
            </Typography.Text>
          ) : priceQuery.isError ? (
            <Typography.Text type="warning">{t('catalogue.noPrices')}</Typography.Text>
          ) : null
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <CatalogueFilters value={filter} onChange={setFilter} sixHaves={sixHaveNames(index)} />
            {isFiltering(filter) && (
              <Typography.Text type="secondary" data-testid="catalogue-match-count">
                {t('catalogue.matches', { count: countLeaves(nodes) })}
              </Typography.Text>
            )}
          </Space>
          <div style={styles.header}>
            <span>{t('catalogue.columns.indicator')}</span>
            <span style={{ display: 'flex', gap: 8 }}>
              <span style={{ width: 56, textAlign: 'center' }}>{t('catalogue.columns.unit')}</span>
              <span style={{ width: 110, textAlign: 'right' }}>{t('catalogue.columns.price')}</span>
            </span>
          </div>
          {body}
        </Space>
      </Card>
    </Space>
  );
}

const styles = {
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    padding: '6px 8px 6px 48px',
    background: '#f5f7fa',
    borderBottom: '1px solid #f0f0f0',
    fontWeight: 600,
  },
} as const;
