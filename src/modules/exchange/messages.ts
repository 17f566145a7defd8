// The exchange's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const exchangeMessages = defineMessages({
  'exchange.connector.entity': { 'zh-CN': '平台连接 {id}', en: 'Platform connector {id}' },
  'exchange.delivery.entity': { 'zh-CN': '投递记录 {id}', en: 'Delivery {id}' },
  'exchange.event.entity': { 'zh-CN': '平台事件 {id}', en: 'Platform event {id}' },
  'exchange.code_taken': {
    'zh-CN': '平台编码“{code}”已被使用。',
    en: 'The platform code "{code}" is already in use.',
    title: { 'zh-CN': '平台编码重复', en: 'Platform code in use' },
  },
  'exchange.field.code_taken': { 'zh-CN': '已被使用', en: 'already in use' },
  'exchange.code_reserved': { 'zh-CN': '平台编码“{code}”为系统保留。', en: 'The platform code "{code}" is reserved.' },
  'exchange.field.code_reserved': { 'zh-CN': '系统保留', en: 'reserved' },
  'exchange.category_unknown': {
    'zh-CN': '事件类别“{category}”不存在。',
    en: 'There is no event category "{category}".',
    title: { 'zh-CN': '未知的事件类别', en: 'Unknown event category' },
  },
  'exchange.field.category_unknown': { 'zh-CN': '未知的事件类别', en: 'unknown category' },
  'exchange.endpoint_invalid': {
    'zh-CN': '接收地址须为 http 或 https 网址，且不含用户名和密码。',
    en: 'The endpoint must be an http or https URL without a user name or password.',
  },
  'exchange.field.endpoint_invalid': { 'zh-CN': '不是有效的接收地址', en: 'not a valid endpoint' },
  'exchange.connector_has_deliveries': {
    'zh-CN': '该平台连接已有投递记录，不能删除；可将其停用。',
    en: 'This connector has deliveries and cannot be deleted; disable it instead.',
  },
  'exchange.delivery_in_flight': {
    'zh-CN': '该消息正在投递中，请等本轮结束后再重新投递。',
    en: 'This message is being delivered; replay it once the current round ends.',
    title: { 'zh-CN': '正在投递', en: 'Delivery in progress' },
  },
  'exchange.signature_missing': {
    'zh-CN': '请求缺少签名：须带 X-Renova-Timestamp 与 X-Renova-Signature。',
    en: 'The request is not signed: X-Renova-Timestamp and X-Renova-Signature are required.',
    title: { 'zh-CN': '未签名', en: 'Not signed' },
  },
  'exchange.signature_invalid': {
    'zh-CN': '请求签名无效，或平台未登记、已停用。',
    en: 'The request signature is invalid, or the platform is unknown or disabled.',
    title: { 'zh-CN': '签名无效', en: 'Invalid signature' },
  },
  'exchange.timestamp_outside_window': {
    'zh-CN': '请求时间戳与当前时间相差超过 {seconds} 秒。',
    en: 'The request timestamp is more than {seconds} seconds from now.',
    title: { 'zh-CN': '时间戳过期', en: 'Stale timestamp' },
  },
  'exchange.body_too_large': { 'zh-CN': '请求体过大。', en: 'The request body is too large.' },
  'exchange.status_not_applied': {
    'zh-CN': '平台报告“{status}”，本系统事件当前为“{state}”，未变更状态，已记为备注。',
    en: 'The platform reported "{status}" while our event is {state}; kept as a note, the state is unchanged.',
  },
  'exchange.status_note': { 'zh-CN': '{platform} 报告：{status}', en: '{platform} reports: {status}' },
});
