// The community module's words by code (zh-CN first, English): canteen, notices, the screen, commerce.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const communityMessages = defineMessages({
  'community.canteen.entity': { 'zh-CN': '社区食堂 {id}', en: 'Canteen {id}' },
  'community.menu.entity': { 'zh-CN': '菜单 {id}', en: 'Menu {id}' },
  'community.booking.entity': { 'zh-CN': '订餐 {id}', en: 'Booking {id}' },
  'community.notice.entity': { 'zh-CN': '通知 {id}', en: 'Notice {id}' },
  'community.shop.entity': { 'zh-CN': '商户 {id}', en: 'Shop {id}' },
  'community.compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'community.resident.entity': { 'zh-CN': '居民 {id}', en: 'Resident {id}' },
  'community.resident_only': {
    'zh-CN': '只有绑定了房屋的居民可以使用此功能。',
    en: 'Only residents bound to a home may do this.',
    title: { 'zh-CN': '仅限居民', en: 'Residents only' },
  },
  'community.invalid': {
    'zh-CN': '填写的内容有误，请检查标出的项目。',
    en: 'Some fields are not valid; see the ones marked.',
    title: { 'zh-CN': '内容有误', en: 'Not valid' },
  },
  'field.out_of_scope': { 'zh-CN': '不存在或不在您的管辖范围内', en: 'unknown, or outside your scope' },
  'field.not_in_compound': { 'zh-CN': '不是该小区的楼栋', en: 'not a building of the compound' },
  'field.community_mismatch': { 'zh-CN': '小区不在该社区', en: 'the compound is not in that community' },
  'field.duplicate_dish': { 'zh-CN': '菜名重复', en: 'a dish of the same name is listed twice' },
  'field.unknown_dish': { 'zh-CN': '菜单上没有这道菜', en: 'no such dish on the menu' },
  'field.not_your_home': { 'zh-CN': '不是您已绑定的房屋', en: 'not a home of yours' },
  'field.not_served': { 'zh-CN': '该食堂不服务您的小区', en: 'the canteen does not serve your compound' },
  'field.too_far_ahead': { 'zh-CN': '超出可预订的天数', en: 'further ahead than bookings open' },
  'field.clock': { 'zh-CN': '须为 HH:MM 格式的时间', en: 'must be a time as HH:MM' },
  'field.weekday': { 'zh-CN': '须为 1（周一）到 7（周日）', en: 'must be 1 (Monday) to 7 (Sunday)' },
  'field.valid_range': { 'zh-CN': '结束日期早于开始日期', en: 'ends before it starts' },
  'field.expired': { 'zh-CN': '须晚于现在', en: 'must be in the future' },
  'field.below_booked': { 'zh-CN': '少于已预订的 {booked} 份', en: 'fewer than the {booked} already booked' },
  'field.dish_booked': { 'zh-CN': '已有人预订这道菜，不能删除或改价', en: 'already booked: it cannot be removed or repriced' },
  'community.booking.cutoff_passed': {
    'zh-CN': '{meal}的预订和取消已于 {cutoff} 截止。',
    en: 'Bookings and cancellations for {meal} closed at {cutoff}.',
    title: { 'zh-CN': '已过截止时间', en: 'Past the cut-off' },
  },
  'community.booking.full': {
    'zh-CN': '{meal}已订满（共 {capacity} 份）。',
    en: '{meal} is fully booked ({capacity} in all).',
    title: { 'zh-CN': '已订满', en: 'Fully booked' },
  },
  'community.booking.already': {
    'zh-CN': '您已预订了这一餐，如需更改请先取消。',
    en: 'You have already booked this meal; cancel it first to change it.',
    title: { 'zh-CN': '已预订', en: 'Already booked' },
  },
  'community.booking.cancelled': {
    'zh-CN': '这份订餐已取消。',
    en: 'This booking is already cancelled.',
    title: { 'zh-CN': '已取消', en: 'Already cancelled' },
  },
  'community.menu.booked_changes': {
    'zh-CN': '菜单已有预订，不能这样修改。',
    en: 'The menu has bookings; it cannot be changed this way.',
    title: { 'zh-CN': '菜单已有预订', en: 'The menu has bookings' },
  },
  'community.screen.token_invalid': {
    'zh-CN': '信息屏链接无效或已更换，请向社区索取新的链接。',
    en: 'The screen link is not valid or has been replaced; ask the community for the new one.',
    title: { 'zh-CN': '链接无效', en: 'Link not valid' },
  },
  'meal.breakfast': { 'zh-CN': '早餐', en: 'breakfast' },
  'meal.lunch': { 'zh-CN': '午餐', en: 'lunch' },
  'meal.dinner': { 'zh-CN': '晚餐', en: 'dinner' },
});
