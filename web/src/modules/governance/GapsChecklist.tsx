// 三方协同治理: the party organisation, the owners' committee and the property service, each green
// when the server reports no gap of its own, with what is missing explained (the `handed_over`
// gate tripartite_governance asks the same of the same facts).
import { Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GapCode, Governance } from './types.ts';

const PARTS: { key: 'party' | 'owners' | 'property' | 'rules'; codes: GapCode[] }[] = [
  { key: 'party', codes: ['party_organisation', 'party_service_station'] },
  { key: 'owners', codes: ['owners_committee'] },
  { key: 'property', codes: ['management_mode', 'property_company'] },
  { key: 'rules', codes: ['management_rules', 'meeting_rules'] },
];

export default function GapsChecklist({ governance: g }: { governance: Governance }) {
  const { t } = useTranslation();
  const gaps = new Set(g.gaps);
  const known = new Set<string>(PARTS.flatMap((p) => p.codes));
  const unknown = g.gaps.filter((c) => !known.has(c));

  const inPlace = (code: GapCode): string => {
    switch (code) {
      case 'party_organisation':
        return t('governance.inPlace.party_organisation', { value: g.partyOrganisation ?? '' });
      case 'party_service_station':
        return t('governance.inPlace.party_service_station', { value: g.partyServiceStation ?? '' });
      case 'owners_committee':
        return t('governance.inPlace.owners_committee', {
          name: g.ownersCommittee?.name ?? '',
          members: g.ownersCommittee?.members ?? 0,
          date: g.ownersCommittee?.electedOn ?? '',
        });
      case 'management_mode':
        return t('governance.inPlace.management_mode', { mode: g.managementMode ? t(`governance.modes.${g.managementMode}`) : '' });
      case 'property_company':
        return g.propertyCompany
          ? t('governance.inPlace.property_company', { name: g.propertyCompany.name })
          : t('governance.inPlace.property_company_self');
      default:
        return t(`governance.inPlace.${code}`);
    }
  };

  return (
    <Card
      size="small"
      title={t('governance.checklist')}
      data-testid="governance-checklist"
      data-gaps={[...g.gaps].sort().join(',')}
      extra={
        g.gaps.length === 0 ? (
          <Tag color="success" data-testid="governance-complete">
            {t('governance.complete')}
          </Tag>
        ) : (
          <Tag color="warning" data-testid="governance-missing">
            {t('governance.missing', { count: g.gaps.length })}
          </Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('governance.checklistHint')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {PARTS.map((part) => {
          const ok = part.codes.every((c) => !gaps.has(c));
          return (
            <Col xs={24} md={12} xl={6} key={part.key}>
              <Card
                size="small"
                data-testid={`governance-part-${part.key}`}
                data-ok={String(ok)}
                style={{ height: '100%', borderColor: ok ? '#b7eb8f' : '#ffccc7', background: ok ? '#f6ffed' : '#fff2f0' }}
                title={
                  <Space>
                    {ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                    {t(`governance.parts.${part.key}`)}
                  </Space>
                }
              >
                <List
                  size="small"
                  split={false}
                  dataSource={part.codes}
                  renderItem={(code) => {
                    const missing = gaps.has(code);
                    return (
                      <List.Item
                        style={{ paddingInline: 0, alignItems: 'flex-start' }}
                        data-testid={`governance-item-${code}`}
                        data-ok={String(!missing)}
                      >
                        <Space align="start" size={6}>
                          {missing ? (
                            <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} />
                          ) : (
                            <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} />
                          )}
                          <Typography.Text type={missing ? 'danger' : undefined}>
                            {missing ? t(`governance.gaps.${code}`) : inPlace(code)}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    );
                  }}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      {unknown.length > 0 && (
        <Typography.Paragraph type="danger" style={{ marginTop: 12, marginBottom: 0 }}>
          {unknown.join(', ')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
