// 年度计划审查: each project of the annual plan reviewed by housing, development & reform and finance;
// users with plan.review record a decision (a liaison for their own department: the server forces
// it; the city admin chooses). "计划已确定" once every project is approved by all three.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { AuditOutlined, CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { coordinationKeys, fetchReviews, recordReview } from './api.ts';
import { useLabels } from './hooks.ts';
import { REVIEW_DEPARTMENTS, type PlanReviewItem, type NewReview, type ReviewDecision } from './types.ts';

const STATUS_COLOR = { pending: 'default', approved: 'success', returned: 'warning' } as const;

export default function ReviewsTab({
  year,
  division,
  nameOf,
}: {
  year: number;
  division: string | undefined;
  nameOf: (code: string) => string;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const labels = useLabels();
  const [reviewing, setReviewing] = useState<PlanReviewItem | null>(null);
  const reviews = useQuery({ queryKey: coordinationKeys.reviews(year, division), queryFn: () => fetchReviews(year, division) });
  const canReview = can('plan.review');

  const decisionTag = (d: ReviewDecision | null) =>
    d ? (
      <Tooltip title={[d.comments, new Date(d.decidedAt).toLocaleString()].filter(Boolean).join(' · ')}>
        <Tag color={d.decision === 'approve' ? 'success' : 'warning'} data-testid="review-decision" data-decision={d.decision}>
          {t(`coordination.reviews.decision.${d.decision}`)}
        </Tag>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary">{t('coordination.reviews.pendingDecision')}</Typography.Text>
    );

  const columns: TableColumnsType<PlanReviewItem> = [
    {
      title: t('coordination.columns.project'),
      dataIndex: 'projectName',
      render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
    },
    { title: t('coordination.reviews.district'), dataIndex: 'districtCode', width: 130, render: (c: string) => nameOf(c) },
    {
      title: t('coordination.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: PlanReviewItem['status']) => (
        <Tag color={STATUS_COLOR[s]} data-testid="review-status" data-status={s}>
          {t(`coordination.reviews.status.${s}`, { defaultValue: s })}
        </Tag>
      ),
    },
    ...REVIEW_DEPARTMENTS.map((d) => ({
      title: labels.reviewDepartment(d),
      key: d,
      width: 110,
      render: (_: unknown, row: PlanReviewItem) => decisionTag(row.decisions[d] ?? null),
    })),
    ...(canReview
      ? [
          {
            title: t('coordination.columns.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, row: PlanReviewItem) => (
              <Button size="small" icon={<AuditOutlined />} data-testid="review-open" onClick={() => setReviewing(row)}>
                {t('coordination.reviews.record')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  if (reviews.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(reviews.error)}
        action={<Button onClick={() => void reviews.refetch()}>{t('common.retry')}</Button>}
      />
    );

  const data = reviews.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reviews-tab">
      {data &&
        (data.fixed ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleFilled />}
            data-testid="plan-fixed"
            title={t('coordination.reviews.fixed')}
            description={t('coordination.reviews.fixedHint', { year })}
          />
        ) : (
          <Alert type="info" showIcon data-testid="plan-not-fixed" title={t('coordination.reviews.notFixed')} />
        ))}
      <Flex justify="end">
        <ExportXlsxButton<PlanReviewItem>
          fileName={`${t('coordination.tabs.reviews')} ${t('coordination.yearN', { year })}`}
          columns={xlsxColumnsFrom(columns, { actions: null })}
          rows={data?.items ?? []}
        />
      </Flex>
      <Table<PlanReviewItem>
        data-testid="reviews-table"
        rowKey="projectId"
        size="middle"
        bordered
        loading={reviews.isPending}
        dataSource={data?.items ?? []}
        scroll={{ x: 960 }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordination.reviews.empty', { year })} /> }}
        columns={columns}
      />
      {reviewing && <ReviewModal item={reviewing} onClose={() => setReviewing(null)} />}
    </Space>
  );
}

interface ReviewForm {
  department?: string;
  decision: 'approve' | 'return';
  comments?: string;
}

function ReviewModal({ item, onClose }: { item: PlanReviewItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const labels = useLabels();
  const client = useQueryClient();
  const [form] = Form.useForm<ReviewForm>();
  const liaison = user?.role === 'department_liaison';
  const decision = Form.useWatch('decision', form);
  const save = useMutation({
    mutationFn: (v: ReviewForm) =>
      recordReview(item.projectId, {
        department: v.department as NewReview['department'],
        decision: v.decision,
        comments: v.comments?.trim() || undefined,
      }),
    onSuccess: () => {
      void message.success(t('coordination.reviews.recorded'));
      void client.invalidateQueries({ queryKey: ['coordination', 'reviews'] });
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      form.setFields(
        (err.problem.errors ?? []).flatMap((e) => {
          const name = (e.path ?? '').replace(/^\/?(body[./])?/, '').split(/[./]/)[0] ?? '';
          return ['department', 'decision', 'comments'].includes(name) ? [{ name: name as keyof ReviewForm, errors: [e.message] }] : [];
        }),
      );
    },
  });
  return (
    <Modal
      open
      title={t('coordination.reviews.recordTitle', { name: item.projectName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'review-submit' }}
      destroyOnHidden
    >
      <Form<ReviewForm>
        form={form}
        layout="vertical"
        initialValues={{ department: 'housing', decision: 'approve' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="department"
          label={t('coordination.reviews.reviewDepartment')}
          rules={[{ required: true }]}
          extra={liaison ? t('coordination.reviews.forcedDepartment') : undefined}
        >
          <Select
            data-testid="review-department"
            options={REVIEW_DEPARTMENTS.map((d) => ({ value: d, label: labels.reviewDepartment(d) }))}
          />
        </Form.Item>
        <Form.Item name="decision" label={t('coordination.columns.status')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="review-decision-input"
            optionType="button"
            options={[
              { value: 'approve', label: t('coordination.reviews.decision.approve') },
              { value: 'return', label: t('coordination.reviews.decision.return') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comments"
          label={t('coordination.reviews.comments')}
          rules={decision === 'return' ? [{ required: true, whitespace: true, message: t('coordination.reviews.commentsRequired') }] : []}
        >
          <Input.TextArea rows={3} data-testid="review-comments" />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('errors.generic')} error={save.error} testId="review-error" />}
    </Modal>
  );
}
