// Words of a project's before and after photos (issue 16, item 9), zh-CN first, English.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const photoMessages = defineMessages({
  'project_photo.entity': { 'zh-CN': '项目照片 {id}', en: 'Project photo {id}' },
  'project_photo.refused': {
    'zh-CN': '照片“{file}”未保存：{reason}。',
    en: 'The photo “{file}” was not kept: {reason}.',
    title: { 'zh-CN': '照片不能保存', en: 'Photo refused' },
  },
  'project_photo.not_image': { 'zh-CN': '不是 PNG 或 JPEG 图片', en: 'not a PNG or JPEG image' },
  'project_photo.too_large': { 'zh-CN': '超过 {megabytes} MB', en: 'larger than {megabytes} MB' },
  'project_photo.dimensions': {
    'zh-CN': '图片声明的尺寸过大（每边至多 {side} 像素，总计至多 {pixels} 像素）',
    en: 'the picture declares too large a size (at most {side} pixels a side and {pixels} pixels in all)',
  },
  'project_photo.unreadable': { 'zh-CN': '图片尺寸无法读取', en: 'its size cannot be read' },
  'project_photo.building_not_of_project': {
    'zh-CN': '楼栋不属于本项目的小区。',
    en: "The building is not in one of the project's compounds.",
    title: { 'zh-CN': '楼栋不对', en: 'Wrong building' },
  },
  'field.building_not_of_project': { 'zh-CN': '不是本项目小区的楼栋', en: "not a building of the project's compounds" },
});
