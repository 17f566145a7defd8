// The smart community's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const smartMessages = defineMessages({
  'device.entity': { 'zh-CN': '设备 {id}', en: 'Device {id}' },
  'alarm.entity': { 'zh-CN': '告警 {id}', en: 'Alarm {id}' },
  'severity.critical': { 'zh-CN': '紧急', en: 'Critical' },
  'severity.major': { 'zh-CN': '重要', en: 'Major' },
  'severity.minor': { 'zh-CN': '次要', en: 'Minor' },
  'severity.warning': { 'zh-CN': '提示', en: 'Warning' },
  'level.compound': { 'zh-CN': '小区物业值班', en: "The compound's property duty" },
  'level.community': { 'zh-CN': '社区', en: 'The community' },
  'level.subdistrict': { 'zh-CN': '街道', en: 'The subdistrict' },
});
