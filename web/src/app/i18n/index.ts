// i18next set-up: zh-CN by default, English on request; the choice lives in localStorage
// and, once signed in, in the user's profile (PUT /auth/me/locale).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.ts';
import { formsZh } from './forms.zh-CN.ts';
import { formsEn } from './forms.en.ts';
import en from './en.ts';
import { evaluationZh } from './evaluation.zh-CN.ts';
import { evaluationEn } from './evaluation.en.ts';
import { dutyZh } from './duty.zh-CN.ts';
import { dutyEn } from './duty.en.ts';
import { geoMapZh, gridDashZh } from './griddash.zh-CN.ts';
import { geoMapEn, gridDashEn } from './griddash.en.ts';
import { districtMapZh } from './map.zh-CN.ts';
import { districtMapEn } from './map.en.ts';
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
import { passageDeskZh } from './passageDesk.zh-CN.ts';
import { passageDeskEn } from './passageDesk.en.ts';
import { parkingDeskZh } from './parkingDesk.zh-CN.ts';
import { parkingDeskEn } from './parkingDesk.en.ts';
import { svcZh } from './svc.zh-CN.ts';
import { svcEn } from './svc.en.ts';
import { circleZh } from './circle.zh-CN.ts';
import { circleEn } from './circle.en.ts';
import { spacesZh } from './spaces.zh-CN.ts';
import { spacesEn } from './spaces.en.ts';
import { clustersZh } from './clusters.zh-CN.ts';
import { clustersEn } from './clusters.en.ts';
import { homeZh } from './home.zh-CN.ts';
import { homeEn } from './home.en.ts';
import { trustZh } from './trust.zh-CN.ts';
import { trustEn } from './trust.en.ts';
import { projectPhotosZh } from './photos.zh-CN.ts';
import { projectPhotosEn } from './photos.en.ts';
import { findingZh } from './finding.zh-CN.ts';
import { findingEn } from './finding.en.ts';

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
        passageDesk: passageDeskZh,
        parkingDesk: parkingDeskZh,
        svc: svcZh,
        circle: circleZh,
        clusters: clustersZh,
        home: homeZh,
        trust: trustZh,
        spaces: spacesZh,
        districtMap: districtMapZh,
        forms: formsZh,
        projectPhotos: projectPhotosZh,
        finding: findingZh,
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
        passageDesk: passageDeskEn,
        parkingDesk: parkingDeskEn,
        svc: svcEn,
        circle: circleEn,
        clusters: clustersEn,
        home: homeEn,
        trust: trustEn,
        spaces: spacesEn,
        districtMap: districtMapEn,
        forms: formsEn,
        projectPhotos: projectPhotosEn,
        finding: findingEn,
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
