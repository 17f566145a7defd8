// 平台对接 (/exchange): the city platforms' connectors, and the deliveries to them with their attempts and replay.
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import ConnectorsTab from './ConnectorsTab.tsx';
import DeliveriesTab from './DeliveriesTab.tsx';

export default function ExchangePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'deliveries' ? 'deliveries' : 'connectors';
  return (
    <Card title={t('exchange.title')} data-testid="exchange-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'deliveries' ? { tab: key } : {})}
        items={[
          {
            key: 'connectors',
            label: <span data-testid="exchange-tab-connectors">{t('exchange.connectors')}</span>,
            children: <ConnectorsTab />,
          },
          {
            key: 'deliveries',
            label: <span data-testid="exchange-tab-deliveries">{t('exchange.deliveries')}</span>,
            children: <DeliveriesTab />,
          },
        ]}
      />
    </Card>
  );
}
