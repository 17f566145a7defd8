// Parking's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const parkingMessages = defineMessages({
  'parking.compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'parking.session.entity': { 'zh-CN': '停车记录 {id}', en: 'Parking stay {id}' },
  'parking.resident_only': {
    'zh-CN': '只有绑定了房屋的居民可以查看停车信息。',
    en: 'Only residents bound to a home may see parking.',
    title: { 'zh-CN': '仅限居民', en: 'Residents only' },
  },
  'parking.space.invalid': {
    'zh-CN': '车位信息有误：{errors}',
    en: 'The parking space is not valid: {errors}',
    title: { 'zh-CN': '车位信息有误', en: 'The parking space is not valid' },
  },
  'parking.space.household_needed': { 'zh-CN': '产权车位和租用车位须指定房屋', en: 'an owned or rented space needs its household' },
  'parking.space.household_unknown': { 'zh-CN': '该小区没有这户房屋', en: 'the compound has no such household' },
  'parking.space.exists': {
    'zh-CN': '该小区已有编号为“{code}”的车位。',
    en: 'The compound has a space numbered "{code}" already.',
    title: { 'zh-CN': '车位编号重复', en: 'Space number taken' },
  },
  'parking.payment.too_much': {
    'zh-CN': '收款金额超过应收：应收 {due}，本次 {amount}。',
    en: 'The payment is more than is due: {due} due, {amount} paid.',
    title: { 'zh-CN': '金额超过应收', en: 'More than due' },
  },
  'parking.payment.duplicate': {
    'zh-CN': '该流水号已登记过。',
    en: 'This payment reference is recorded already.',
    title: { 'zh-CN': '流水号重复', en: 'Reference recorded' },
  },
  'parking.pass.exists': {
    'zh-CN': '该车牌当月已有月卡。',
    en: 'This plate has a monthly pass for that month already.',
    title: { 'zh-CN': '月卡已存在', en: 'Pass exists' },
  },
  'parking.plate.invalid': {
    'zh-CN': '车牌号“{plate}”格式不正确',
    en: 'The plate "{plate}" is not a valid plate',
    title: { 'zh-CN': '车牌号不正确', en: 'Invalid plate' },
  },
});
