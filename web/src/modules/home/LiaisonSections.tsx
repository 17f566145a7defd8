// The department liaison's home: their packages of the latest year with the dates of the latest timetable (a
// click opens the package's dates), and the notices of timetables that moved them.
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CountTitle } from './CountTitle.tsx';
import { useTranslation } from 'react-i18next';
import { cityTime } from '../../app/time.ts';
import { PackageDates, useLabels, type DatedPackage } from '../coordination/index.ts';
import type { SectionOf } from './api.ts';

/** Long lists page by six, so every section of the home stays in view. */
const PAGED = { pageSize: 6, size: 'small', hideOnSinglePage: true } as const;

export function PackagesCard({ section }: { section: SectionOf<'packages'> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [open, setOpen] = useState<DatedPackage | null>(null);
  return (
    <Card
      size="small"
      title={
        <CountTitle
          title={section.year ? t('home.packages.titleYear', { year: section.year }) : t('home.packages.title')}
          count={section.total}
          overflowCount={9999}
          color="#1677ff"
        />
      }
      extra={
        <Link to={section.year ? `/coordination?tab=packages&year=${section.year}` : '/coordination?tab=packages'}>
          {t('home.packages.all')}
        </Link>
      }
    >
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.packages.none')} />
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(p) => (
            <List.Item
              data-testid="home-package"
              data-package-id={p.id}
              style={{ cursor: 'pointer' }}
              onClick={() => setOpen(p)}
              actions={[
                <a key="dates" data-testid="home-package-dates" onClick={(e) => (e.preventDefault(), setOpen(p))}>
                  {t('home.packages.dates')}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{p.compoundName}</span>
                    <span data-testid="home-package-place" style={{ color: 'rgba(0,0,0,0.45)' }}>
                      {[p.districtName, p.subdistrictName].filter(Boolean).join(' · ')}
                    </span>
                    <Tag>{labels.kind(p.kind)}</Tag>
                    <Tag color={p.status === 'done' ? 'success' : p.status === 'started' ? 'processing' : 'default'}>
                      {t(`coordination.packageStatus.${p.status}`, { defaultValue: p.status })}
                    </Tag>
                  </Space>
                }
                description={
                  p.planned ? t('home.packages.planned', { from: p.planned.startDate, to: p.planned.endDate }) : t('home.packages.unplaced')
                }
              />
            </List.Item>
          )}
        />
      )}
      <PackageDates pkg={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

export function NoticesCard({ section }: { section: SectionOf<'notices'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={<CountTitle title={t('home.notices.title')} count={section.unread} color="#fa541c" />}>
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.notices.none')} />
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(n) => (
            <List.Item data-testid="home-notice">
              <Space orientation="vertical" size={0}>
                <Typography.Text strong={!n.read}>{n.message}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {cityTime(n.createdAt, i18n.language)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
