// A work package's dates in a drawer: its planned start and end from the latest finished timetable that placed
// it (none before one has), its duration, its state and the day works began, with a link to that timetable.
// The liaison opens it from their home and from the packages list.
import { Link } from 'react-router';
import { Alert, Descriptions, Drawer, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentColor } from './gantt.ts';
import { useLabels } from './hooks.ts';

export interface DatedPackage {
  id: string;
  projectId: string;
  projectName: string;
  compoundName: string;
  kind: string;
  department: string;
  durationDays: number;
  status: 'planned' | 'started' | 'done';
  startedOn: string | null;
  planned: { scheduleId: string; startDate: string; endDate: string } | null;
}

export default function PackageDates({ pkg, onClose }: { pkg: DatedPackage | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Drawer
      open={pkg !== null}
      onClose={onClose}
      size={420}
      title={pkg ? `${pkg.compoundName} · ${labels.kind(pkg.kind)}` : ''}
      destroyOnHidden
    >
      {pkg && (
        <div data-testid="package-dates" data-package-id={pkg.id}>
          {!pkg.planned && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('coordination.dates.unplaced')} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('coordination.dates.plannedStart')}>
              <span data-testid="package-planned-start">{pkg.planned?.startDate ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('coordination.dates.plannedEnd')}>
              <span data-testid="package-planned-end">{pkg.planned?.endDate ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('coordination.columns.duration')}>{pkg.durationDays}</Descriptions.Item>
            <Descriptions.Item label={t('coordination.columns.status')}>
              {t(`coordination.packageStatus.${pkg.status}`, { defaultValue: pkg.status })}
            </Descriptions.Item>
            <Descriptions.Item label={t('coordination.columns.startedOn')}>{pkg.startedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('coordination.columns.department')}>
              <Tag color={departmentColor(pkg.department)}>{labels.department(pkg.department)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('coordination.columns.project')}>
              <Link to={`/projects/${pkg.projectId}`}>{pkg.projectName}</Link>
            </Descriptions.Item>
          </Descriptions>
          {pkg.planned && (
            <Link
              to={`/coordination/schedules/${pkg.planned.scheduleId}`}
              data-testid="package-schedule-link"
              style={{ display: 'inline-block', marginTop: 12 }}
            >
              {t('coordination.dates.openTimetable')}
            </Link>
          )}
        </div>
      )}
    </Drawer>
  );
}
