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
  // Devices: registering, credentials, import.
  'device.invalid': { 'zh-CN': '设备信息有误。', en: 'The device is not valid.' },
  'field.profile_unknown': { 'zh-CN': '没有这种设备类型', en: 'no such device profile' },
  'field.compound_not_in_scope': { 'zh-CN': '小区不存在，或不在管辖范围内', en: 'unknown compound, or outside your scope' },
  'field.building_not_in_compound': { 'zh-CN': '该楼栋不属于此小区', en: 'this building is not in the compound' },
  'field.gateway_invalid': {
    'zh-CN': '须为同一小区内未吊销的物联网关',
    en: 'must be a gateway of the same compound, not revoked',
  },
  'device.serial_taken': {
    'zh-CN': '厂商 {vendor} 的序列号 {serial} 已登记在另一台设备上。',
    en: 'Serial {serial} of vendor {vendor} is already registered to another device.',
  },
  'field.serial_taken': { 'zh-CN': '该厂商的此序列号已被登记', en: 'already registered for this vendor' },
  'device.revoked': {
    'zh-CN': '设备 {id} 的凭据已吊销，不能再轮换或吊销。',
    en: 'The credentials of device {id} are revoked; they cannot be rotated or revoked again.',
  },
  'device.compound': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'vendor.none': { 'zh-CN': '（未填）', en: '(none)' },
  'import.entity': { 'zh-CN': '设备导入 {id}', en: 'Device import {id}' },
  'import.rows_invalid': {
    'zh-CN': '文件中有 {count} 行无效；未写入任何数据。',
    en: '{count} row(s) of the file are not valid; nothing was written.',
  },
  'import.multipart_required': {
    'zh-CN': '请以 multipart/form-data 在字段“file”中提交文件。',
    en: 'Send the file as multipart/form-data in the field "file".',
  },
  'import.not_finished': { 'zh-CN': '导入尚未成功完成。', en: 'The import has not finished successfully.' },
  'import.credentials_issued': {
    'zh-CN': '本次导入的设备凭据已下载过（仅提供一次）；如有遗失，请逐台轮换凭据。',
    en: "This import's device credentials were already downloaded (they are offered once); if lost, rotate each device's credentials.",
  },
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'row.missing_column': { 'zh-CN': '缺少列：{headers}', en: 'missing column: {headers}' },
  'row.no_data': { 'zh-CN': '文件没有数据行', en: 'the file has no data rows' },
  'row.required': { 'zh-CN': '必填', en: 'is required' },
  'row.too_long': { 'zh-CN': '超过 {max} 个字符', en: 'is longer than {max} characters' },
  'row.nul': {
    'zh-CN': '含有 NUL 字符（\\u0000），任何文本都不能包含它',
    en: 'contains a NUL character (\\u0000), which no text may hold',
  },
  'row.compound_missing': {
    'zh-CN': '须填写小区编号，或小区名称和社区',
    en: 'give the compound id, or the compound name and its community',
  },
  'row.compound_unknown': { 'zh-CN': '找不到小区“{compound}”，或不在管辖范围内', en: 'no compound "{compound}" in your scope' },
  'row.profile_unknown': { 'zh-CN': '没有设备类型“{text}”', en: 'no device profile "{text}"' },
  'row.building_unknown': { 'zh-CN': '小区中没有楼栋“{text}”', en: 'the compound has no building "{text}"' },
  'row.serial_repeats': { 'zh-CN': '与第 {line} 行的厂商和序列号重复', en: 'vendor and serial repeat line {line}' },
  'row.serial_taken': { 'zh-CN': '该厂商的序列号“{text}”已被登记', en: 'serial "{text}" is already registered for this vendor' },
  'sheet.credentials': { 'zh-CN': '设备凭据', en: 'Device credentials' },
  'col.compound': { 'zh-CN': '小区', en: 'Compound' },
  'col.name': { 'zh-CN': '设备名称', en: 'Device name' },
  'col.profile': { 'zh-CN': '设备类型', en: 'Profile' },
  'col.building': { 'zh-CN': '楼栋', en: 'Building' },
  'col.serial': { 'zh-CN': '序列号', en: 'Serial' },
  'col.key': { 'zh-CN': '设备标识（用户名）', en: 'Key (username)' },
  'col.secret': { 'zh-CN': '密钥（仅此一次）', en: 'Secret (shown once)' },
});
