// Converting an allocated space resource into a facility of a need: the need and kind (the suggestion of the
// matching rule by default) and the facility's name, confirmed; the circles it reaches are recomputed.
import { Alert, Form, Input, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { kindsOf, needs, type Need } from './api.ts';
import { convertSpace, spaceKeys, type SpaceResource } from './spacesApi.ts';

interface Values {
  need: Need;
  kind: string;
  name: string;
}

export default function ConvertSpaceModal({
  space,
  open,
  onClose,
  suggested,
}: {
  space: SpaceResource;
  open: boolean;
  onClose: () => void;
  suggested?: { need: Need; kind: string | null };
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const need = Form.useWatch('need', form) ?? suggested?.need ?? 'elderly_care';
  const go = useMutation({
    mutationFn: (v: Values) => convertSpace(space.id, { need: v.need, kind: v.kind, name: v.name }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: spaceKeys.all });
      onClose();
    },
  });
  const first = suggested?.need ?? 'elderly_care';
  return (
    <Modal
      open={open}
      title={t('spaces.convertTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: go.isPending, danger: false }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ need: first, kind: suggested?.kind ?? kindsOf[first][0], name: space.name }}
        onFinish={(v) => go.mutate(v)}
      >
        <Alert type="info" showIcon message={t('spaces.convertHint')} style={{ marginBottom: 16 }} />
        <Space>
          <Form.Item name="need" label={t('spaces.need')}>
            <Select
              style={{ width: 180 }}
              options={needs.map((n) => ({ value: n, label: t(`circle.needs.${n}`) }))}
              onChange={(n: Need) => form.setFieldValue('kind', kindsOf[n][0])}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('spaces.facilityKind')}>
            <Select style={{ width: 220 }} options={kindsOf[need].map((k) => ({ value: k, label: t(`circle.kinds.${k}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('spaces.facilityName')} rules={[{ required: true }]}>
          <Input data-testid="convert-name" />
        </Form.Item>
        {go.isError && <ProblemAlert title={t('spaces.actionError')} error={go.error} />}
      </Form>
    </Modal>
  );
}
