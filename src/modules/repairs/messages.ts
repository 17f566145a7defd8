// Property repairs' words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const repairMessages = defineMessages({
  'repair.entity': { 'zh-CN': '报修 {id}', en: 'Repair request {id}' },
  'repair.photo.entity': { 'zh-CN': '报修照片 {id}', en: 'Repair photo {id}' },
  'repair.resident_only': {
    'zh-CN': '只有绑定了房屋的居民可以报修。',
    en: 'Only residents bound to a home may file a repair request.',
    title: { 'zh-CN': '仅限居民', en: 'Residents only' },
  },
  'repair.invalid': {
    'zh-CN': '报修内容有误：{errors}',
    en: 'The request is not valid: {errors}',
    title: { 'zh-CN': '内容有误', en: 'Not valid' },
  },
  'repair.unknown_category': { 'zh-CN': '没有这个报修分类', en: 'no such repair category' },
  'repair.household_required': {
    'zh-CN': '您绑定了多处房屋，请选择为哪一处报修。',
    en: 'You have more than one home: choose the one the repair is for.',
    title: { 'zh-CN': '请选择房屋', en: 'Choose a home' },
  },
  'repair.household_not_yours': {
    'zh-CN': '只能为您已绑定（已核验）的房屋报修。',
    en: 'You may file a repair only for a home you are bound to (verified).',
    title: { 'zh-CN': '不是您的房屋', en: 'Not your home' },
  },
  'field.household_required': { 'zh-CN': '请选择房屋', en: 'choose a home' },
  'field.household_not_yours': { 'zh-CN': '不是您已核验的房屋', en: 'not a verified home of yours' },
  'repair.too_many_photos': {
    'zh-CN': '最多上传 {max} 张照片。',
    en: 'At most {max} photos.',
    title: { 'zh-CN': '照片过多', en: 'Too many photos' },
  },
  'repair.photo_refused': {
    'zh-CN': '照片“{file}”不能接收：{reason}',
    en: 'The photo "{file}" was refused: {reason}',
    title: { 'zh-CN': '照片不能接收', en: 'Photo refused' },
  },
  'photo.not_image': { 'zh-CN': '不是 PNG 或 JPEG 图片', en: 'not a PNG or JPEG image' },
  'photo.too_large': { 'zh-CN': '超过 {megabytes} MB', en: 'larger than {megabytes} MB' },
  'photo.dimensions': { 'zh-CN': '像素超过 {pixels}', en: 'more than {pixels} pixels' },
  'photo.unreadable': { 'zh-CN': '图片尺寸无法读取', en: 'its size cannot be read' },
  'repair.completion_photo_required': {
    'zh-CN': '完工须上传至少一张照片。',
    en: 'At least one photo of the finished work is required.',
    title: { 'zh-CN': '缺少完工照片', en: 'No completion photo' },
  },
  'field.photo_required': { 'zh-CN': '至少一张照片', en: 'at least one photo' },
  'repair.already_taken': {
    'zh-CN': '该报修已被他人接单或派单。',
    en: 'This repair request has already been taken or assigned.',
    title: { 'zh-CN': '已被接单', en: 'Already taken' },
  },
  'repair.wrong_state': {
    'zh-CN': '报修当前为“{status}”，不能{action}。',
    en: 'The repair request is {status}; it cannot be {action}.',
    title: { 'zh-CN': '报修状态不允许此操作', en: 'Not allowed in the request’s state' },
  },
  'repair.already_rated': {
    'zh-CN': '该报修已评价过，每次报修只能评价一次。',
    en: 'This repair has already been rated; a repair is rated once.',
    title: { 'zh-CN': '已评价', en: 'Already rated' },
  },
  'repair.rating_closed': {
    'zh-CN': '维修完成已超过 {days} 天，不能再评价。',
    en: 'More than {days} days have passed since the repair was done; it can no longer be rated.',
    title: { 'zh-CN': '评价期已过', en: 'Rating closed' },
  },
  'repair.assignee_not_staff': {
    'zh-CN': '只能派给负责该小区报修的物业人员。',
    en: 'A repair can be assigned only to property staff who handle repairs in its compound.',
    title: { 'zh-CN': '不能派给此人', en: 'Not an eligible assignee' },
  },
  'field.assignee_not_staff': { 'zh-CN': '不负责该小区的报修', en: 'does not handle repairs in this compound' },
  'repair.called_in_future': { 'zh-CN': '回访时间不能晚于现在。', en: 'The call cannot be in the future.' },
  'field.called_in_future': { 'zh-CN': '晚于现在', en: 'in the future' },
  'status.open': { 'zh-CN': '待接单', en: 'open' },
  'status.assigned': { 'zh-CN': '已派单', en: 'assigned' },
  'status.in_progress': { 'zh-CN': '维修中', en: 'in progress' },
  'status.done': { 'zh-CN': '已完成', en: 'done' },
  'status.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'action.follow_up': { 'zh-CN': '登记回访', en: 'followed up' },
  'action.rate': { 'zh-CN': '评价', en: 'rated' },
  'action.take': { 'zh-CN': '接单', en: 'taken' },
  'action.assign': { 'zh-CN': '派单', en: 'assigned' },
  'action.start': { 'zh-CN': '开始维修', en: 'started' },
  'action.complete': { 'zh-CN': '完工', en: 'completed' },
});
