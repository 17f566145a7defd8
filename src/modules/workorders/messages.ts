// Work orders' words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const workOrderMessages = defineMessages({
  'workorder.entity': { 'zh-CN': '工单 {id}', en: 'Work order {id}' },
  'workorder.photo.entity': { 'zh-CN': '工单 {id} 的完工照片', en: 'The completion photo of work order {id}' },
  'workorder.wrong_state': {
    'zh-CN': '工单当前为“{status}”，不能{action}。',
    en: 'The work order is {status}; it cannot be {action}.',
    title: { 'zh-CN': '工单状态不允许此操作', en: 'Not allowed in the work order’s state' },
  },
  'workorder.source_has_open_order': {
    'zh-CN': '该来源已有未完成的工单。',
    en: 'This source already has an unfinished work order.',
  },
  'workorder.compound_out_of_scope': {
    'zh-CN': '该小区不存在或不在您的管辖范围内。',
    en: 'The compound does not exist or is outside your scope.',
  },
  'field.compound_not_in_scope': { 'zh-CN': '不在您的管辖范围内', en: 'not in your scope' },
  'workorder.not_assignee': { 'zh-CN': '此工单已派给他人。', en: 'This work order is assigned to someone else.' },
  'workorder.assignee_not_eligible': {
    'zh-CN': '被派单人须能处理该小区的工单。',
    en: 'The assignee must be an account that handles work orders in this compound.',
  },
  'field.assignee_not_eligible': { 'zh-CN': '不能处理该小区的工单', en: 'does not handle work orders in this compound' },
  'workorder.callback_required': {
    'zh-CN': '一键报警工单须先回访报警居民并登记，才能办结。',
    en: 'An SOS work order needs the call-back to the resident recorded before it is done.',
    title: { 'zh-CN': '尚未回访', en: 'Call-back not recorded' },
  },
  'field.callback_missing': { 'zh-CN': '尚未登记回访', en: 'no call-back recorded' },
  'workorder.photo_not_image': {
    'zh-CN': '完工照片须为 PNG 或 JPEG 图片。',
    en: 'The completion photo must be a PNG or JPEG image.',
  },
  'field.photo_not_image': { 'zh-CN': '不是 PNG 或 JPEG 图片', en: 'not a PNG or JPEG image' },
  'workorder.due_in_past': { 'zh-CN': '期限不能早于现在。', en: 'The due time cannot be in the past.' },
  'field.due_in_past': { 'zh-CN': '早于现在', en: 'in the past' },
  'workorder.called_in_future': { 'zh-CN': '回访时间不能晚于现在。', en: 'The call cannot be in the future.' },
  'field.called_in_future': { 'zh-CN': '晚于现在', en: 'in the future' },
  'status.open': { 'zh-CN': '待接单', en: 'open' },
  'status.assigned': { 'zh-CN': '已派单', en: 'assigned' },
  'status.in_progress': { 'zh-CN': '处理中', en: 'in progress' },
  'status.done': { 'zh-CN': '已办结', en: 'done' },
  'status.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'action.assign': { 'zh-CN': '派单', en: 'assigned' },
  'action.take': { 'zh-CN': '接单', en: 'taken' },
  'action.start': { 'zh-CN': '开始处理', en: 'started' },
  'action.complete': { 'zh-CN': '办结', en: 'completed' },
  'action.callback': { 'zh-CN': '登记回访', en: 'called back' },
  'action.cancel': { 'zh-CN': '取消', en: 'cancelled' },
});
