// The city overview's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const statsMessages = defineMessages({
  'division.entity': { 'zh-CN': '行政区划 {code}', en: 'Division {code}' },
  'division.none': { 'zh-CN': '（未指定）', en: '(none)' },
});
