// 联合会商: each meeting (date, lead, departments present, minutes, decisions) and "record".
import { useState } from 'react';
import { App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import ConsultationModal from './ConsultationModal.tsx';
import type { ApprovalStep, Consultation } from './types.ts';
import { cityTime } from '../../app/time.ts';

interface Props {
  projectId: string;
  consultations: Consultation[];
  steps: ApprovalStep[];
  canWrite: boolean;
  onRecorded: () => void;
}

export default function ConsultationsCard({ projectId, consultations, steps, canWrite, onRecorded }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const stepName = (code: string) => {
    const s = steps.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.nameEn : s.nameZh) : code;
  };
  const dept = (d: string) => t(`approvals.departments.${d}`, { defaultValue: d });

  return (
    <Card
      size="small"
      title={t('approvals.consultations')}
      data-testid="consultations"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="consultation-new">
            {t('approvals.record')}
          </Button>
        )
      }
    >
      {consultations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.noConsultations')} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={[...consultations].reverse()}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid="consultation" data-id={c.id}>
              <Space wrap size={[8, 4]}>
                <Typography.Text strong>{c.date}</Typography.Text>
                <Tag color="blue">
                  {t('approvals.lead')}：{dept(c.leadDepartment)}
                </Tag>
                <Typography.Text type="secondary">
                  {t('approvals.departmentsPresent')}：{c.departments.map(dept).join('、')}
                </Typography.Text>
              </Space>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: '8px 0', background: '#fafafa', padding: 8, borderRadius: 4 }}
                ellipsis={{ rows: 4, expandable: 'collapsible' }}
                data-testid="consultation-minutes-text"
              >
                {c.minutes ?? t('approvals.noMinutes')}
              </Typography.Paragraph>
              {c.decisions.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {c.decisions.map((d) => (
                    <li key={d.step} data-testid="consultation-decision" data-step={d.step}>
                      <strong>{stepName(d.step)}</strong>：
                      {[
                        d.simplified ? `${t('approvals.decisionText.simplified')}${d.minute ? `（“${d.minute}”）` : ''}` : null,
                        d.requiredMaterials?.length
                          ? t('approvals.decisionText.materials', {
                              list: d.requiredMaterials.map((m) => t(`approvals.materials.${m}`, { defaultValue: m })).join('、'),
                            })
                          : null,
                      ]
                        .filter(Boolean)
                        .join('；')}
                    </li>
                  ))}
                </ul>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('approvals.recordedBy', { by: c.recordedBy ?? t('projects.system'), at: cityTime(c.recordedAt, i18n.language) })}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      <ConsultationModal
        open={open}
        projectId={projectId}
        steps={steps}
        onClose={() => setOpen(false)}
        onRecorded={() => {
          void message.success(t('approvals.recorded'));
          onRecorded();
        }}
      />
    </Card>
  );
}
