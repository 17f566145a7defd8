// i18next set-up: zh-CN by default, English on request; the choice lives in localStorage
// and, once signed in, in the user's profile (PUT /auth/me/locale).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.ts';
import en from './en.ts';
import { evaluationZh } from './evaluation.zh-CN.ts';
import { evaluationEn } from './evaluation.en.ts';
import { dutyZh } from './duty.zh-CN.ts';
import { dutyEn } from './duty.en.ts';
import { geoMapZh, gridDashZh } from './griddash.zh-CN.ts';
import { geoMapEn, gridDashEn } from './griddash.en.ts';
import { gridEventsZh } from './gridEvents.zh-CN.ts';
import { gridEventsEn } from './gridEvents.en.ts';
import { servicesZh } from './services.zh-CN.ts';
import { servicesEn } from './services.en.ts';
import { passageZh } from './passage.zh-CN.ts';
import { passageEn } from './passage.en.ts';
import { marketZh } from './market.zh-CN.ts';
import { marketEn } from './market.en.ts';
import { repairsZh } from './repairs.zh-CN.ts';
import { repairsEn } from './repairs.en.ts';
import { communityZh } from './community.zh-CN.ts';
import { communityEn } from './community.en.ts';

export type AppLocale = 'zh-CN' | 'en';
export const LOCALES: readonly AppLocale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'renova.locale';

export function isLocale(value: unknown): value is AppLocale {
  return value === 'zh-CN' || value === 'en';
}

export function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN';
}

export function rememberLocale(locale: AppLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage may be unavailable */
  }
}

void i18n.use(initReactI18next).init({
  // Evaluation's strings join here rather than in zh-CN.ts / en.ts, under their own top-level key.
  resources: {
    'zh-CN': {
      translation: {
        ...zhCN,
        evaluation: evaluationZh,
        duty: dutyZh,
        geoMap: geoMapZh,
        gridDash: gridDashZh,
        gridEvents: gridEventsZh,
        services: servicesZh,
        passage: passageZh,
        market: marketZh,
        repairs: repairsZh,
        community: communityZh,
      },
    },
    en: {
      translation: {
        ...en,
        evaluation: evaluationEn,
        duty: dutyEn,
        geoMap: geoMapEn,
        gridDash: gridDashEn,
        gridEvents: gridEventsEn,
        services: servicesEn,
        passage: passageEn,
        market: marketEn,
        repairs: repairsEn,
        community: communityEn,
      },
    },
  },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
