// Passage's words by code (zh-CN first, English): access credentials, visitor passes, vehicles.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const passageMessages = defineMessages({
  'passage.compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'passage.pass.entity': { 'zh-CN': '访客通行证 {id}', en: 'Visitor pass {id}' },
  'passage.vehicle.entity': { 'zh-CN': '车辆 {id}', en: 'Vehicle {id}' },
  'passage.credential.entity': { 'zh-CN': '通行码 {id}', en: 'Access code {id}' },
  'passage.resident_only': {
    'zh-CN': '只有绑定了房屋的居民可以使用通行码。',
    en: 'Only residents bound to a home may use access codes.',
    title: { 'zh-CN': '仅限居民', en: 'Residents only' },
  },
  'passage.compound_not_yours': {
    'zh-CN': '只能在您已绑定房屋的小区使用。',
    en: 'Only in a compound where your home is.',
    title: { 'zh-CN': '不是您的小区', en: 'Not your compound' },
  },
  'passage.household_not_yours': {
    'zh-CN': '这不是您已绑定的房屋。',
    en: 'This is not a home you are bound to.',
    title: { 'zh-CN': '不是您的房屋', en: 'Not your home' },
  },
  'passage.household_unknown': {
    'zh-CN': '该小区没有这户房屋。',
    en: 'The compound has no such household.',
    title: { 'zh-CN': '房屋不存在', en: 'No such household' },
  },
  'passage.pass.invalid': {
    'zh-CN': '访客通行证有误：{errors}',
    en: 'The visitor pass is not valid: {errors}',
    title: { 'zh-CN': '访客通行证有误', en: 'The visitor pass is not valid' },
  },
  'passage.pass.window_order': { 'zh-CN': '结束时间须晚于开始时间', en: 'the end must come after the start' },
  'passage.pass.window_too_long': { 'zh-CN': '有效期最长 {days} 天', en: 'at most {days} days long' },
  'passage.pass.window_past': { 'zh-CN': '结束时间已过', en: 'the end has passed' },
  'passage.pass.window_far': { 'zh-CN': '开始时间须在一年之内', en: 'the start must be within a year' },
  'passage.pass.not_pending': {
    'zh-CN': '该访客通行证已处理，不能再审批。',
    en: 'This visitor pass has been decided already.',
    title: { 'zh-CN': '已处理', en: 'Already decided' },
  },
  'passage.pass.not_active': {
    'zh-CN': '该访客通行证未获批准或已失效。',
    en: 'This visitor pass is not approved or no longer valid.',
    title: { 'zh-CN': '通行证无效', en: 'Pass not valid' },
  },
  'passage.plate.invalid': {
    'zh-CN': '车牌号“{plate}”格式不正确（例如 浙A12345，新能源 浙AD12345）',
    en: 'The plate "{plate}" is not a valid plate (e.g. 浙A12345, new-energy 浙AD12345)',
    title: { 'zh-CN': '车牌号不正确', en: 'Invalid plate' },
  },
  'passage.plate.registered': {
    'zh-CN': '该车牌已在本小区登记。',
    en: 'This plate is registered in the compound already.',
    title: { 'zh-CN': '车牌已登记', en: 'Plate registered' },
  },
  'passage.field.required': { 'zh-CN': '必填', en: 'required' },
});
