// The demo's home care services in 和睦: three providers (the community canteen's meal delivery, linked to the demo
// account `provider`; an individual housekeeper; a care centre whose health certificate has expired, so it is left
// out of bathing help) serving every compound of 和睦街道, slots for the next 60 days, and an elder with a care
// profile, 王阿婆, living in the demo resident's compound, whose daughter is the demo resident (README's phone): she
// orders a meal delivery for her mother on /m. Seeds once (a second seed finds providers and adds nothing).
import { count } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { encrypt, maskName, maskPhone, type PersonalDataKey } from '../../platform/personal-data.ts';
import { accountByUsername } from '../accounts/index.ts';
import { registry } from '../registry/index.ts';
import {
  careFamilyLinks,
  careProfiles,
  serviceOfferings,
  serviceProviderAccounts,
  serviceProviderCompounds,
  serviceProviders,
  serviceQualifications,
  serviceSlots,
} from './schema.ts';

export const SERVICES_DEMO = {
  providerUsername: 'provider',
  elderName: '王阿婆',
  /** The meal provider's name: the city pack's. */
  get canteen(): string {
    return cityPack().demo.names.shops.mealProvider!;
  },
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoDay = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
/** A Shanghai wall-clock time on the day `dayStart` (midnight in Shanghai, as UTC ms) as an instant. */
const at = (dayStart: number, hh: number, mm = 0) => new Date(dayStart + (hh * 60 + mm) * 60_000);

/** Where the demo resident lives: their compound and household (the registry's seed bound them). */
async function demoHome(tx: Tx, residentId: string, compoundIds: string[]) {
  const mine = new Set(await registry.householdIdsOfResident(tx, residentId));
  for (const compoundId of compoundIds) {
    const households = await registry.householdAddressesOfCompounds(tx, [compoundId]);
    const own = households.find((h) => mine.has(h.id));
    if (own) return { compoundId, householdId: own.id, neighbour: households.find((h) => h.id !== own.id) ?? own };
  }
  return null;
}

export async function seedServices(
  tx: Tx,
  key: PersonalDataKey,
  hemuCompoundIds: string[],
  hemuResidentId: string | null,
): Promise<number> {
  const [existing] = await tx.select({ n: count() }).from(serviceProviders);
  if ((existing?.n ?? 0) > 0 || !hemuCompoundIds.length || !hemuResidentId) return 0;
  const home = await demoHome(tx, hemuResidentId, hemuCompoundIds);
  if (!home) return 0;
  const place = (await registry.compoundPlaces(tx, [home.compoundId])).get(home.compoundId);
  const lat = place?.lat ?? 30.28;
  const lng = place?.lng ?? 120.12;
  const community = place?.communityCode ?? cityPack().demo.community.code;
  const today = Date.now();
  // Midnight in Shanghai today, as UTC milliseconds.
  const midnight = Date.parse(`${isoDay(today)}T00:00:00+08:00`);
  const providers = [
    {
      kind: 'company' as const,
      name: SERVICES_DEMO.canteen,
      gender: null,
      dialects: [cityPack().demo.dialect, 'mandarin'],
      north: 300,
      quals: [{ code: 'health_certificate', until: isoDay(today + 730 * DAY) }],
      offerings: [{ kind: 'meal_delivery', name: '长者午餐/晚餐送餐上门', priceFen: 1500, capacity: 20 }],
      account: true,
    },
    {
      kind: 'individual' as const,
      name: '李阿姨家政（演示）',
      gender: 'female' as const,
      dialects: ['mandarin'],
      north: 1500,
      quals: [
        { code: 'health_certificate', until: isoDay(today + 365 * DAY) },
        { code: 'housekeeping_certificate', until: isoDay(today + 365 * DAY) },
      ],
      offerings: [
        { kind: 'meal_delivery', name: '代购送餐', priceFen: 1800, capacity: 4 },
        { kind: 'housekeeping', name: '居家保洁（2小时）', priceFen: 8000, capacity: 2 },
      ],
      account: false,
    },
    {
      kind: 'company' as const,
      name: '安康护理服务中心（演示）',
      gender: null,
      dialects: [cityPack().demo.dialect],
      north: 2500,
      quals: [
        { code: 'caregiver_certificate', until: isoDay(today + 500 * DAY) },
        // Expired: the centre is left out of bathing help, which also requires a health certificate.
        { code: 'health_certificate', until: isoDay(today - 30 * DAY) },
      ],
      offerings: [
        { kind: 'escort_care', name: '居家陪护（半天）', priceFen: 12000, capacity: 3 },
        { kind: 'bathing', name: '上门助浴', priceFen: 6000, capacity: 3 },
        { kind: 'hospital_escort', name: '陪同就医', priceFen: 10000, capacity: 3 },
      ],
      account: false,
    },
  ];
  const account = await accountByUsername(tx, SERVICES_DEMO.providerUsername);
  for (const p of providers) {
    const id = uuidv7();
    await tx.insert(serviceProviders).values({
      id,
      kind: p.kind,
      name: p.name,
      gender: p.gender,
      dialects: p.dialects,
      communityCode: community,
      lat: (lat + p.north / 111_320).toFixed(6),
      lng: lng.toFixed(6),
    });
    await tx.insert(serviceProviderCompounds).values(hemuCompoundIds.map((compoundId) => ({ compoundId, providerId: id })));
    await tx
      .insert(serviceQualifications)
      .values(p.quals.map((q) => ({ id: uuidv7(), providerId: id, code: q.code, validUntil: q.until })));
    if (p.account && account)
      await tx.insert(serviceProviderAccounts).values({ accountId: account.id, providerId: id }).onConflictDoNothing();
    for (const o of p.offerings) {
      const offeringId = uuidv7();
      await tx.insert(serviceOfferings).values({ id: offeringId, providerId: id, kind: o.kind, name: o.name, priceFen: o.priceFen });
      const windows: [number, number][] =
        o.kind === 'meal_delivery'
          ? [
              [10, 13],
              [16, 19],
            ]
          : [
              [8, 12],
              [13, 18],
            ];
      const slots = [];
      for (let d = 0; d < 60; d++)
        for (const [from, to] of windows)
          slots.push({
            id: uuidv7(),
            offeringId,
            providerId: id,
            startsAt: at(midnight + d * DAY, from),
            endsAt: at(midnight + d * DAY, to),
            capacity: o.capacity,
          });
      await tx.insert(serviceSlots).values(slots);
    }
  }
  const profileId = uuidv7();
  const phone = '13900005678';
  await tx.insert(careProfiles).values({
    id: profileId,
    compoundId: home.compoundId,
    householdId: home.neighbour.id,
    communityCode: community,
    lat: lat.toFixed(6),
    lng: lng.toFixed(6),
    nameEnc: encrypt(key, SERVICES_DEMO.elderName),
    nameMasked: maskName(SERVICES_DEMO.elderName),
    phoneEnc: encrypt(key, phone),
    phoneMasked: maskPhone(phone),
    birthDateEnc: encrypt(key, '1941-03-15'),
    birthYear: 1941,
    gender: 'female',
    livingAlone: true,
    careLevel: 'mild',
    needs: ['meals', 'cleaning'],
    carerGender: null,
    dialect: cityPack().demo.dialect,
    notesEnc: encrypt(key, '高血压，饮食少盐（演示数据）'),
    fake: true,
  });
  await tx.insert(careFamilyLinks).values({ profileId, residentId: hemuResidentId, relation: 'daughter' });
  return providers.length;
}
