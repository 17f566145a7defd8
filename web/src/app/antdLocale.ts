// antd's locale files are CommonJS; under NodeNext typing their default import is the
// module object, while Vite hands over the locale itself. Accept either shape.
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import enUSModule from 'antd/locale/en_US.js';
import type { AppLocale } from './i18n/index.ts';

function unwrap(mod: unknown): Locale {
  const inner = (mod as { default?: unknown }).default;
  return (inner && typeof inner === 'object' && 'locale' in inner ? inner : mod) as Locale;
}

const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

export function antdLocale(locale: AppLocale | string): Locale {
  return locale === 'en' ? enUS : zhCN;
}
