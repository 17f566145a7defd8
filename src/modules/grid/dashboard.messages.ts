// The governance dashboard's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const dashboardMessages = defineMessages({
  'division.entity': { 'zh-CN': '行政区划 {code}', en: 'Division {code}' },
  'compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'field.one_place': { 'zh-CN': '行政区划与小区只能给出其一', en: 'give a division or a compound, not both' },
  'field.period_order': { 'zh-CN': '结束时间须晚于开始时间', en: 'must come after from' },
  'dashboard.bad_query': { 'zh-CN': '查询条件有误。', en: 'The query is not valid.' },
});
