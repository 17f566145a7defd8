// Words of the ingest: why a device's message or an HTTP batch was refused.
import { defineMessages } from '../../../platform/i18n/messages.ts';

export const ingestMessages = defineMessages({
  'ingest.device_unauthorized': {
    'zh-CN': '设备认证失败：请使用 “Device 设备编号:密钥” 形式的凭据',
    en: 'Device authentication failed: send credentials as "Device <key>:<secret>"',
  },
  'ingest.events_invalid': { 'zh-CN': '上报的事件有误，全部未保存', en: 'Some events are invalid; none was stored' },
  'ingest.too_many_events': { 'zh-CN': '一次最多上报 {max} 条事件', en: 'At most {max} events per request' },
  'reason.malformed': { 'zh-CN': '消息格式错误', en: 'Malformed message' },
  'reason.unknown_device': { 'zh-CN': '未知设备', en: 'Unknown device' },
  'reason.not_child': { 'zh-CN': '该设备不属于此网关', en: 'The device does not belong to this gateway' },
  'reason.unknown_type': { 'zh-CN': '设备类型不支持此事件', en: "The device's profile has no such event type" },
  'reason.invalid_data': { 'zh-CN': '事件数据不符合规定', en: 'The event data does not match its specification' },
  'reason.oversized': { 'zh-CN': '消息过大', en: 'The message is too large' },
  'reason.future': { 'zh-CN': '事件时间晚于当前时间', en: 'The event is from the future' },
  'reason.too_old': { 'zh-CN': '事件时间过早', en: 'The event is too old' },
});
