// 治理主体: the party organisation and its service station, the owners' committee and the property
// company (picked from the register). Read-only without governance.manage; a 422 is shown at its field.
import { useEffect } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { formatAt } from '../participation/index.ts';
import { patchGovernance } from './api.ts';
import CompanySelect from './CompanySelect.tsx';
import { applyFieldErrors, unplacedError } from './fieldErrors.ts';
import type { Governance, GovernancePatch } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

interface Values {
  partyOrganisation?: string;
  partyServiceStation?: string;
  ownersCommittee?: { name?: string; electedOn?: string; members?: number | null };
  propertyCompanyId?: string | null;
}

const FIELDS = ['partyOrganisation', 'partyServiceStation', 'ownersCommittee', 'propertyCompanyId'] as const;

const valuesOf = (g: Governance): Values => ({
  partyOrganisation: g.partyOrganisation ?? '',
  partyServiceStation: g.partyServiceStation ?? '',
  ownersCommittee: {
    name: g.ownersCommittee?.name ?? '',
    electedOn: g.ownersCommittee?.electedOn ?? '',
    members: g.ownersCommittee?.members ?? null,
  },
  propertyCompanyId: g.propertyCompany?.id ?? null,
});

interface Props {
  projectId: string;
  governance: Governance;
  canManage: boolean;
  onSaved: (next: Governance) => void;
}

export default function FactsCard({ projectId, governance: g, canManage, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Back to the stored values after a save (or a colleague's), not on every refresh: an upload
  // elsewhere in the tab must not wipe what is being typed here.
  useEffect(() => form.setFieldsValue(valuesOf(g)), [form, g.updatedAt]);

  const save = useMutation({
    mutationFn: (body: GovernancePatch) => patchGovernance(projectId, body),
    onSuccess: (next) => {
      onSaved(next);
      void message.success(t('governance.facts.saved'));
    },
    onError: (err) => applyFieldErrors(form, err, FIELDS),
  });
  const unplaced = unplacedError(save.error, FIELDS);

  if (!canManage) {
    return (
      <Card size="small" title={t('governance.facts.title')} data-testid="governance-facts">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('governance.facts.partyOrganisation')}>
            <span data-testid="governance-party">{g.partyOrganisation ?? t('governance.facts.none')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('governance.facts.partyServiceStation')}>
            <span data-testid="governance-station">{g.partyServiceStation ?? t('governance.facts.none')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('governance.facts.committee')}>
            <span data-testid="governance-committee">
              {g.ownersCommittee
                ? `${g.ownersCommittee.name} · ${g.ownersCommittee.members} · ${g.ownersCommittee.electedOn}`
                : t('governance.facts.none')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('governance.facts.company')}>
            <span data-testid="governance-company">{g.propertyCompany?.name ?? t('governance.facts.none')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }

  return (
    <Card
      size="small"
      title={t('governance.facts.title')}
      data-testid="governance-facts"
      extra={
        g.updatedAt && (
          <Typography.Text type="secondary">
            {t('governance.facts.updatedAt', { time: formatAt(g.updatedAt, i18n.language) })}
          </Typography.Text>
        )
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(g)}
        onFinish={(v) => {
          const c = v.ownersCommittee ?? {};
          const committee =
            c.name?.trim() && c.electedOn && c.members ? { name: c.name.trim(), electedOn: c.electedOn, members: c.members } : null;
          save.mutate({
            partyOrganisation: v.partyOrganisation?.trim() || null,
            partyServiceStation: v.partyServiceStation?.trim() || null,
            ownersCommittee: committee,
            propertyCompanyId: v.propertyCompanyId ?? null,
          });
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="partyOrganisation" label={t('governance.facts.partyOrganisation')}>
              <Input data-testid="governance-party-input" maxLength={200} allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="partyServiceStation" label={t('governance.facts.partyServiceStation')}>
              <Input data-testid="governance-station-input" maxLength={200} allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('governance.facts.committee')}</Typography.Text>
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col xs={24} md={10}>
            <Form.Item
              name={['ownersCommittee', 'name']}
              label={t('governance.facts.committeeName')}
              dependencies={[
                ['ownersCommittee', 'electedOn'],
                ['ownersCommittee', 'members'],
              ]}
              rules={[
                ({ getFieldValue }) => ({
                  required: !!getFieldValue(['ownersCommittee', 'electedOn']) || !!getFieldValue(['ownersCommittee', 'members']),
                  whitespace: true,
                  message: t('governance.facts.required'),
                }),
              ]}
            >
              <Input data-testid="governance-committee-name" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item
              name={['ownersCommittee', 'electedOn']}
              label={t('governance.facts.electedOn')}
              dependencies={[['ownersCommittee', 'name']]}
              rules={[
                ({ getFieldValue }) => ({
                  required: !!getFieldValue(['ownersCommittee', 'name'])?.trim(),
                  message: t('governance.facts.required'),
                }),
              ]}
            >
              <DateField data-testid="governance-committee-elected" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item
              name={['ownersCommittee', 'members']}
              label={t('governance.facts.members')}
              dependencies={[['ownersCommittee', 'name']]}
              rules={[
                ({ getFieldValue }) => ({
                  required: !!getFieldValue(['ownersCommittee', 'name'])?.trim(),
                  message: t('governance.facts.required'),
                }),
              ]}
            >
              <InputNumber data-testid="governance-committee-members" min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="propertyCompanyId" label={t('governance.facts.company')}>
          <CompanySelect current={g.propertyCompany} testId="governance-company-select" />
        </Form.Item>
        {unplaced ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert
              title={t('governance.facts.failed')}
              error={unplaced}
              testId="governance-facts-problem"
              onClose={() => save.reset()}
            />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="governance-save">
          {t('governance.facts.save')}
        </Button>
      </Form>
    </Card>
  );
}
