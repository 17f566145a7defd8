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
});
