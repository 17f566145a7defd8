// Catalogue's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const catalogueMessages = defineMessages({
  'price_list.none_in_force': { 'zh-CN': '当日生效的价格清单', en: 'A price list in force on that day' },
  'catalogue.none_current': { 'zh-CN': '当前的指标目录版本', en: 'A current catalogue version' },
  'catalogue.entity': { 'zh-CN': '指标目录 {version} 版', en: 'Catalogue version {version}' },
  'catalogue.invalid': { 'zh-CN': '指标目录有误。', en: 'The catalogue is not valid.' },
  'catalogue.version_published': { 'zh-CN': '指标目录 {version} 版已发布。', en: 'Catalogue version {version} is already published.' },
  'field.already_published': { 'zh-CN': '该版本已发布', en: 'already published' },
  'price_list.invalid': { 'zh-CN': '价格清单有误。', en: 'The price list is not valid.' },
  'price_list.version_published': { 'zh-CN': '价格清单 {version} 版已发布。', en: 'Price list {version} is already published.' },
  'field.not_current_indicator': { 'zh-CN': '不是现行目录的三级指标', en: 'not a third-level indicator of the current catalogue' },
  'field.repeats_line': { 'zh-CN': '与前面的行重复', en: 'repeats an earlier line' },
  'field.code_repeats': { 'zh-CN': '{code} 重复', en: 'repeats {code}' },
  'field.level1_no_parent': { 'zh-CN': '一级指标没有上级', en: 'a first-level indicator has no parent' },
  'field.level3_unit_category': { 'zh-CN': '三级指标须有单位和类别', en: 'a third-level indicator needs a unit and a category' },
  'field.parent_level': { 'zh-CN': '须有本版本中的 {level} 级上级指标', en: 'needs a level-{level} parent in this version' },
  'field.no_level3': { 'zh-CN': '没有三级指标', en: 'has no third-level indicators' },
});
