// The resident side's words by code (zh-CN first, English): reports on /m, following, reopening, rating, the
// public list. Kept apart from the grid core's messages.ts so the two slices do not edit one file.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const residentGridMessages = defineMessages({
  'grid.report.entity': { 'zh-CN': '报事 {id}', en: 'Report {id}' },
  'grid.compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'grid.resident_only': {
    'zh-CN': '只有绑定了房屋的居民可以报事。',
    en: 'Only residents bound to a home may report.',
    title: { 'zh-CN': '仅限居民', en: 'Residents only' },
  },
  'grid.report.invalid': {
    'zh-CN': '报事内容有误：{errors}',
    en: 'The report is not valid: {errors}',
    title: { 'zh-CN': '报事内容有误', en: 'The report is not valid' },
  },
  'grid.report.compound_not_yours': {
    'zh-CN': '只能为您已绑定房屋的小区报事。',
    en: 'You may report only in a compound where your home is.',
    title: { 'zh-CN': '不是您的小区', en: 'Not your compound' },
  },
  'grid.report.too_many_photos': {
    'zh-CN': '最多上传 {max} 张照片。',
    en: 'At most {max} photos.',
    title: { 'zh-CN': '照片过多', en: 'Too many photos' },
  },
  'grid.report.photo_refused': {
    'zh-CN': '照片“{file}”不能接收：{reason}',
    en: 'The photo "{file}" was refused: {reason}',
    title: { 'zh-CN': '照片不能接收', en: 'Photo refused' },
  },
  'grid.photo.not_image': { 'zh-CN': '不是 PNG 或 JPEG 图片', en: 'not a PNG or JPEG image' },
  'grid.photo.too_large': { 'zh-CN': '超过 {megabytes} MB', en: 'larger than {megabytes} MB' },
  'grid.photo.dimensions': {
    'zh-CN': '图片尺寸过大（最多 {pixels} 像素）',
    en: 'the picture is too large (at most {pixels} pixels)',
  },
  'grid.photo.unreadable': { 'zh-CN': '读不出图片尺寸', en: 'its size cannot be read' },
  'grid.report.unknown_category': { 'zh-CN': '没有这个事件类别', en: 'no such category' },
  'grid.report.unknown_building': { 'zh-CN': '该小区没有这栋楼', en: 'no such building in the compound' },
  'grid.report.place_required': {
    'zh-CN': '请在地图上选点或选择楼栋',
    en: 'pick a point on the map or a building',
  },
  'grid.follow.not_public': {
    'zh-CN': '只能关注您小区内正在处理的事件。',
    en: 'You may follow only an open event of your compound.',
    title: { 'zh-CN': '不能关注', en: 'Cannot follow' },
  },
  'grid.reopen.not_reporter': {
    'zh-CN': '只有报事人可以申请重新处理。',
    en: 'Only the person who reported it may reopen it.',
    title: { 'zh-CN': '不能申请重新处理', en: 'Cannot reopen' },
  },
  'grid.reopen.not_now': {
    'zh-CN': '事件当前状态不能申请重新处理（须已处理反馈、审核或办结）。',
    en: 'The event cannot be reopened in its state (it must have been handled, reviewed or closed).',
    title: { 'zh-CN': '不能申请重新处理', en: 'Cannot reopen' },
  },
  'grid.reopen.window_passed': {
    'zh-CN': '已超过 {days} 天的重新处理期限（截至 {until}）。',
    en: 'The {days}-day window to reopen has passed (it ended {until}).',
    title: { 'zh-CN': '已过申请期限', en: 'Too late to reopen' },
  },
  'grid.rating.not_closed': {
    'zh-CN': '事件办结后才能评价。',
    en: 'An event may be rated only once it is closed.',
    title: { 'zh-CN': '尚未办结', en: 'Not closed yet' },
  },
  'grid.rating.not_reporter': {
    'zh-CN': '只有报事人可以评价。',
    en: 'Only the person who reported it may rate it.',
    title: { 'zh-CN': '不能评价', en: 'Cannot rate' },
  },
  'grid.rating.already': {
    'zh-CN': '您已评价过这件事。',
    en: 'You have already rated this.',
    title: { 'zh-CN': '已评价', en: 'Already rated' },
  },
});
