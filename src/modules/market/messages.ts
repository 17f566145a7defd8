// Market participation's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const marketMessages = defineMessages({
  'subsidy.entity': { 'zh-CN': '物业服务补助 {id}', en: 'property-service subsidy {id}' },
  'compound.entity': { 'zh-CN': '小区 {id}', en: 'compound {id}' },
  'space.entity': { 'zh-CN': '公共空间 {id}', en: 'public space {id}' },
  'grant.entity': { 'zh-CN': '公共空间使用权 {id}', en: 'space grant {id}' },
  'property.subsidy_cap_per_m2_month': {
    'zh-CN': '申请补助 {actual}，超过本月上限 {limit}（{rule}：{value}，{version} 版；建筑面积 {area} 平方米；依据：{source}）。',
    en: 'A subsidy of {actual} exceeds this month’s limit of {limit} ({rule}: {value}, version {version}; floor area {area} m²; source: {source}).',
    title: { 'zh-CN': '超过物业服务补助上限', en: 'Property-service subsidy cap exceeded' },
  },
  'field.not_in_scope': { 'zh-CN': '小区不存在或不在您的管辖范围内', en: 'no such compound within your scope' },
  'field.over_cap': { 'zh-CN': '不得超过 {limit}', en: 'at most {limit}' },
  'subsidy.not_eligible': {
    'zh-CN': '该小区本月不符合物业服务补助条件：{reason}。',
    en: 'This compound does not qualify for the property-service subsidy this month: {reason}.',
    title: { 'zh-CN': '不符合补助条件', en: 'Not eligible' },
  },
  'reason.not_renovated': { 'zh-CN': '改造尚未竣工验收', en: 'its renovation has not been accepted' },
  'reason.no_property_company': { 'zh-CN': '没有登记在册的物业服务企业提供服务', en: 'no registered property company serves it' },
  'reason.company_suspended': { 'zh-CN': '其物业服务企业已被暂停', en: 'its property company is suspended' },
  'reason.satisfaction_tier': {
    'zh-CN': '满意度档次低于 {min}%（{rule}，{version} 版）',
    en: 'its satisfaction tier is below {min}% ({rule}, version {version})',
  },
  'subsidy.month_not_started': {
    'zh-CN': '{month} 尚未开始，不能申请该月补助。',
    en: '{month} has not begun: its subsidy cannot be applied for yet.',
    title: { 'zh-CN': '月份尚未开始', en: 'Month not begun' },
  },
  'field.month': { 'zh-CN': '须为 yyyy-mm 格式的月份', en: 'a month as yyyy-mm' },
  'subsidy.month_invalid': { 'zh-CN': '月份无效。', en: 'The month is not valid.' },
  'subsidy.already_applied': {
    'zh-CN': '该小区 {month} 的补助已申请（状态：{status}）。',
    en: 'This compound’s subsidy for {month} has already been applied for ({status}).',
    title: { 'zh-CN': '已申请', en: 'Already applied for' },
  },
  'subsidy.not_in_status': {
    'zh-CN': '该申请当前为“{status}”，不能{action}。',
    en: 'The application is {status}: it cannot be {action}.',
    title: { 'zh-CN': '状态不允许', en: 'Not allowed in this status' },
  },
  'status.applied': { 'zh-CN': '待审核', en: 'applied for' },
  'status.approved': { 'zh-CN': '已核准', en: 'approved' },
  'status.rejected': { 'zh-CN': '已退回', en: 'rejected' },
  'status.disbursed': { 'zh-CN': '已拨付', en: 'disbursed' },
  'action.approve': { 'zh-CN': '核准', en: 'approved' },
  'action.reject': { 'zh-CN': '退回', en: 'rejected' },
  'action.disburse': { 'zh-CN': '拨付', en: 'disbursed' },
  'grant.overlaps': {
    'zh-CN': '该空间在 {from} 至 {to} 期间已有使用权，不能重叠授予。',
    en: 'The space is already granted for part of {from} to {to}: grants of one space may not overlap.',
    title: { 'zh-CN': '使用期限重叠', en: 'Grant overlaps another' },
  },
  'field.overlaps': { 'zh-CN': '与已有使用权期限重叠', en: 'overlaps an existing grant' },
  'grant.dates_invalid': { 'zh-CN': '结束日期不得早于开始日期。', en: 'The end date may not come before the start.' },
  'field.ends_before_start': { 'zh-CN': '不得早于开始日期', en: 'may not come before the start' },
  'grant.concession_over_fee': { 'zh-CN': '减免金额不得超过使用费。', en: 'The concession may not exceed the fee.' },
  'field.concession_over_fee': { 'zh-CN': '不得超过使用费', en: 'at most the fee' },
  'grant.terminated': {
    'zh-CN': '该使用权已终止。',
    en: 'The grant has been terminated.',
    title: { 'zh-CN': '使用权已终止', en: 'Grant terminated' },
  },
  'space.name_taken': {
    'zh-CN': '该小区已有名为“{name}”的公共空间。',
    en: 'The compound already has a public space named “{name}”.',
    title: { 'zh-CN': '名称重复', en: 'Name taken' },
  },
  'field.name_taken': { 'zh-CN': '名称重复', en: 'already used in this compound' },
  'delivery.period_taken': {
    'zh-CN': '该时段的服务情况已登记。',
    en: 'What was delivered in this period is already recorded.',
    title: { 'zh-CN': '时段重复', en: 'Period already recorded' },
  },
  'delivery.period_invalid': {
    'zh-CN': '服务时段须在使用期限之内，且结束不早于开始。',
    en: 'The period must lie within the grant and end no earlier than it starts.',
  },
  'field.period_outside_grant': { 'zh-CN': '须在使用期限之内', en: 'within the grant’s term' },
});
