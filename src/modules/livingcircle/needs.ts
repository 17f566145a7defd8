// The seven needs of the 15-minute living circle (衣、食、行、医、养、文、娱) and the kinds of facility that serve each.
// Kindergartens and nurseries sit under culture (文: education and culture), as the seed report groups child care
// with the neighbourhood's culture and education rooms.
export const needs = ['clothing', 'food', 'transport', 'medical', 'elderly_care', 'culture', 'recreation'] as const;
export type Need = (typeof needs)[number];

export const facilityKinds = {
  clothing: ['clothing_store', 'tailor', 'laundry'],
  food: ['canteen', 'market', 'supermarket', 'restaurant'],
  transport: ['bus_stop', 'metro_station', 'bike_station'],
  medical: ['clinic', 'health_centre', 'pharmacy', 'hospital'],
  elderly_care: ['elderly_day_care', 'elderly_care_station', 'nursing_home'],
  culture: ['library', 'culture_station', 'kindergarten', 'nursery'],
  recreation: ['fitness_ground', 'park', 'sports_venue', 'activity_room'],
} as const satisfies Record<Need, readonly string[]>;
export type FacilityKind = (typeof facilityKinds)[Need][number];

export const allKinds: readonly FacilityKind[] = needs.flatMap((n) => facilityKinds[n]);

export const isNeed = (s: string): s is Need => (needs as readonly string[]).includes(s);
export const kindServes = (need: Need, kind: string): kind is FacilityKind => (facilityKinds[need] as readonly string[]).includes(kind);

/** Names people use for needs and kinds, so imports take 养 or 老年人日间照料中心 as well as the codes. */
export const needNames: Record<Need, { 'zh-CN': string; en: string; short: string }> = {
  clothing: { 'zh-CN': '衣（服装）', en: 'clothing', short: '衣' },
  food: { 'zh-CN': '食（餐饮与买菜）', en: 'food', short: '食' },
  transport: { 'zh-CN': '行（出行）', en: 'transport', short: '行' },
  medical: { 'zh-CN': '医（医疗）', en: 'medical care', short: '医' },
  elderly_care: { 'zh-CN': '养（养老托育）', en: 'elderly care', short: '养' },
  culture: { 'zh-CN': '文（文化教育）', en: 'culture', short: '文' },
  recreation: { 'zh-CN': '娱（休闲健身）', en: 'recreation', short: '娱' },
};

export const kindNames: Record<FacilityKind, { 'zh-CN': string; en: string }> = {
  clothing_store: { 'zh-CN': '服装店', en: 'clothing store' },
  tailor: { 'zh-CN': '裁缝铺', en: 'tailor' },
  laundry: { 'zh-CN': '洗衣店', en: 'laundry' },
  canteen: { 'zh-CN': '社区食堂', en: 'canteen' },
  market: { 'zh-CN': '菜市场', en: 'market' },
  supermarket: { 'zh-CN': '超市', en: 'supermarket' },
  restaurant: { 'zh-CN': '餐馆', en: 'restaurant' },
  bus_stop: { 'zh-CN': '公交站', en: 'bus stop' },
  metro_station: { 'zh-CN': '地铁站', en: 'metro station' },
  bike_station: { 'zh-CN': '公共自行车点', en: 'bike station' },
  clinic: { 'zh-CN': '社区卫生服务站', en: 'clinic' },
  health_centre: { 'zh-CN': '社区卫生服务中心', en: 'health centre' },
  pharmacy: { 'zh-CN': '药店', en: 'pharmacy' },
  hospital: { 'zh-CN': '医院', en: 'hospital' },
  elderly_day_care: { 'zh-CN': '老年人日间照料中心', en: 'elderly day-care centre' },
  elderly_care_station: { 'zh-CN': '居家养老服务站', en: 'elderly care station' },
  nursing_home: { 'zh-CN': '养老院', en: 'nursing home' },
  library: { 'zh-CN': '图书馆', en: 'library' },
  culture_station: { 'zh-CN': '文化家园', en: 'culture station' },
  kindergarten: { 'zh-CN': '幼儿园', en: 'kindergarten' },
  nursery: { 'zh-CN': '托育园', en: 'nursery' },
  fitness_ground: { 'zh-CN': '健身场地', en: 'fitness ground' },
  park: { 'zh-CN': '公园', en: 'park' },
  sports_venue: { 'zh-CN': '体育场馆', en: 'sports venue' },
  activity_room: { 'zh-CN': '活动室', en: 'activity room' },
};

/** The need a cell names (code, the short character 养, or the full name), else null. */
export function needOf(text: string): Need | null {
  const t = text.trim();
  return needs.find((n) => n === t || needNames[n].short === t || needNames[n]['zh-CN'] === t || needNames[n].en === t) ?? null;
}

/** The kind a cell names within a need (code or name), else null. */
export function kindOf(need: Need, text: string): FacilityKind | null {
  const t = text.trim();
  return (
    (facilityKinds[need] as readonly FacilityKind[]).find((k) => k === t || kindNames[k]['zh-CN'] === t || kindNames[k].en === t) ?? null
  );
}
