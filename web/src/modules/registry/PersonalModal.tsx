// Full personal data of one resident, read on demand (permission personal.read; audited with the reason asked first).
import { useState } from 'react';
import { Alert, Descriptions, Modal, Skeleton, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import RevealReasonModal from '../../app/RevealReasonModal.tsx';
import { fetchPersonal } from './api.ts';

export default function PersonalModal({ residentId, onClose }: { residentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  // The reason is asked for each resident opened; it travels with the read into the audit log.
  const [reason, setReason] = useState<{ residentId: string; reason: string } | null>(null);
  const asked = reason !== null && reason.residentId === residentId ? reason.reason : null;
  // Never cached: every look is a fresh, audited read.
  const query = useQuery({
    queryKey: ['registry', 'personal', residentId, asked],
    queryFn: () => fetchPersonal(residentId!, asked!),
    enabled: residentId !== null && asked !== null,
    gcTime: 0,
    staleTime: 0,
  });
  const close = () => {
    setReason(null);
    onClose();
  };

  if (residentId !== null && asked === null)
    return (
      <RevealReasonModal open onCancel={close} onConfirm={(r) => setReason({ residentId, reason: r })} okTestId="personal-reason-ok" />
    );
  return (
    <Modal
      open={residentId !== null}
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#c8161d', marginInlineEnd: 8 }} />
          {t('compound.personalTitle')}
        </span>
      }
      onCancel={close}
      footer={null}
      destroyOnHidden
      data-testid="personal-modal"
    >
      <Alert type="warning" showIcon title={t('compound.personalAudit')} style={{ marginBottom: 16 }} />
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            {
              key: 'name',
              label: t('compound.personalName'),
              children: (
                <span data-testid="personal-name">
                  {query.data.name}
                  {query.data.fake && (
                    <Tag color="purple" style={{ marginInlineStart: 8 }}>
                      {t('compound.fake')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { key: 'phone', label: t('compound.personalPhone'), children: query.data.phone ?? '—' },
            { key: 'id', label: t('compound.personalId'), children: query.data.idNumber ?? '—' },
          ]}
        />
      )}
    </Modal>
  );
}
