// The demo city (DESIGN.md §7): real division codes, made-up compounds,
// households and residents, reproducible from a seed value. Every resident
// is fake and marked so (residents.fake = 1).
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { cityFile, cityPack } from '../../platform/city.ts';
import type { Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { prng, type Random } from '../../platform/random.ts';
import { idCheckDigit, type PersonalDataKey } from '../../platform/personal-data.ts';
import { parseCsv } from '../../platform/spreadsheet.ts';
import { upsertCompounds } from './import.service.ts';
import { writeHouseholds } from './households.service.ts';
import { type NewCompound } from './registry.service.ts';
import { sealResident } from './residents.service.ts';
import { compounds, divisions, type DivisionLevel } from './schema.ts';

/** The selected city pack's divisions (reference/cities/<code>/divisions.csv). */
export async function loadDivisions(tx: Tx): Promise<number> {
  const table = parseCsv(readFileSync(cityFile('divisions.csv'), 'utf8'));
  const rows = table.rows.map((r) => ({
    code: r.cells[0]!,
    name: r.cells[1]!,
    level: r.cells[2] as DivisionLevel,
    parent: r.cells[3] || null,
  }));
  const inserted = await tx.insert(divisions).values(rows).onConflictDoNothing().returning({ code: divisions.code });
  return inserted.length;
}

export type SeedScale = 'demo' | 'city' | 'province';
// The demo's own subdistrict and the words its made-up compounds, roads and communities are named with: the pack's.
const demo = () => cityPack().demo;

/**
 * The demo community's second and third compounds stand 300 m north and 300 m east of its first, so the living
 * circle's demo has neighbours to renovate as one cluster (片区). Moved after drawing, so no other draw changes.
 */
function neighbours(own: NewCompound[]) {
  const [first, ...next] = own;
  if (!first?.latitude || !first.longitude) return;
  const lat = Number(first.latitude);
  const lng = Number(first.longitude);
  const east = 300 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const at = [
    [lat + 300 / 111_320, lng],
    [lat, lng + east],
  ];
  next.slice(0, 2).forEach((c, i) => {
    c.latitude = at[i]![0]!.toFixed(6);
    c.longitude = at[i]![1]!.toFixed(6);
  });
}
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const given = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '建国',
  '桂英',
  '志强',
  '国华',
];
interface Plan {
  subdistricts: { code: string; name: string; district: string }[];
  compounds: number;
  avgHouseholds: number;
  residentsEverywhere: boolean;
}

function plan(scale: SeedScale, all: { code: string; name: string; level: string; parent: string | null }[]): Plan {
  const subs = all.filter((d) => d.level === 'subdistrict');
  const HEMU = demo().subdistrict.code;
  const hangzhou = subs.filter((d) => d.code.startsWith(demo().city.code.slice(0, 4)));
  const withDistrict = (xs: typeof subs) => xs.map((s) => ({ code: s.code, name: s.name, district: s.parent! }));
  if (scale === 'demo') {
    // Two subdistricts per district (和睦 among them), about 150 compounds.
    const byDistrict = new Map<string, typeof subs>();
    for (const s of hangzhou) byDistrict.set(s.parent!, [...(byDistrict.get(s.parent!) ?? []), s]);
    const chosen = [...byDistrict.values()].flatMap((xs) =>
      xs.some((s) => s.code === HEMU) ? [xs.find((s) => s.code === HEMU)!, xs.find((s) => s.code !== HEMU)!] : xs.slice(0, 2),
    );
    return { subdistricts: withDistrict(chosen), compounds: 150, avgHouseholds: 60, residentsEverywhere: true };
  }
  if (scale === 'city') return { subdistricts: withDistrict(hangzhou), compounds: 3000, avgHouseholds: 133, residentsEverywhere: false };
  return { subdistricts: withDistrict(subs), compounds: 30000, avgHouseholds: 133, residentsEverywhere: false };
}

const count = (r: { created: number; updated: number; unchanged: number }) => r.created + r.updated + r.unchanged;

type Room = { building: string; unit: string; room: string; floorAreaM2: string; deedRef: string };

/** Walk-up buildings of 6 floors, 2 rooms a floor, 1–3 units, filled until `count` households. */
function householdsOf(rnd: Random, count: number): Room[] {
  const rooms: Room[] = [];
  for (let b = 1; rooms.length < count; b++) {
    const unitsInBuilding = rnd.int(1, 3);
    for (let u = 1; u <= unitsInBuilding; u++) {
      for (let floor = 1; floor <= 6; floor++) {
        for (let r = 1; r <= 2 && rooms.length < count; r++) {
          const area = rnd.int(4000, 9000);
          rooms.push({
            building: `${b}幢`,
            unit: `${u}单元`,
            room: `${floor}0${r}`,
            floorAreaM2: `${Math.floor(area / 100)}.${String(area % 100).padStart(2, '0')}`,
            deedRef: `${demo().deedPrefix}${rnd.int(100000, 999999)}号`,
          });
        }
      }
    }
  }
  return rooms;
}

export interface SeedSummary {
  communities: number;
  compounds: number;
  households: number;
  residents: number;
  hemuCompoundIds: string[];
  hemuCommunity: string;
  hemuResidentId: string | null;
}

export async function seedRegistry(
  tx: Tx,
  key: PersonalDataKey,
  scale: SeedScale,
  seed: number,
  onProgress?: (msg: string) => void,
): Promise<SeedSummary> {
  await loadDivisions(tx);
  const all = await tx.select().from(divisions);
  const p = plan(scale, all);
  const rnd = prng(seed);
  const { subdistrict, community, city, area, names } = demo();
  const HEMU = subdistrict.code;
  const { places, suffixes, roads, communityWords } = names;

  // Communities: 和睦 gets three and a double share of compounds; others one to three.
  const communities: { code: string; name: string; parent: string; weight: number }[] = [];
  for (const s of p.subdistricts) {
    const n = s.code === HEMU ? 3 : rnd.int(1, 3);
    for (let i = 1; i <= n; i++) {
      communities.push({
        code: `${s.code}${String(i).padStart(3, '0')}`,
        name: `${rnd.pick(communityWords)}${i === 1 ? '' : rnd.pick(['一', '二', '三'])}社区`,
        parent: s.code,
        weight: s.code === HEMU ? 4 : 1,
      });
    }
  }
  await tx
    .insert(divisions)
    .values(communities.map((c) => ({ code: c.code, name: c.name, level: 'community' as const, parent: c.parent })))
    .onConflictDoNothing();
  const totalWeight = communities.reduce((n, c) => n + c.weight, 0);

  const compoundsIn: NewCompound[] = [];
  const layouts = new Map<string, Room[]>();
  const usedNames = new Set<string>();
  const subName = new Map(p.subdistricts.map((s) => [s.code, s.name]));
  // Largest remainders: the counts add up to the plan exactly.
  const shares = communities.map((c) => (p.compounds * c.weight) / totalWeight);
  const counts = shares.map(Math.floor);
  const byRemainder = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = p.compounds - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k]![1]]!++;
  for (const [ci, c] of communities.entries()) {
    const count = Math.max(1, counts[ci]!);
    for (let i = 0; i < count; i++) {
      let name = `${rnd.pick(places)}${rnd.pick(suffixes)}`;
      for (let k = 2; usedNames.has(`${c.code}/${name}`); k++) name = `${name.replace(/\d+区$/, '')}${k}区`;
      usedNames.add(`${c.code}/${name}`);
      const households = Math.max(12, Math.round(p.avgHouseholds * (0.4 + rnd.next() * 1.2)));
      const rooms = householdsOf(rnd, households);
      layouts.set(`${c.code}/${name}`, rooms);
      const yearBuilt = rnd.next() < 0.8 ? rnd.int(1978, 2000) : rnd.int(2001, 2010);
      const areaCenti = households * rnd.int(5500, 9000) * (100 + rnd.int(5, 15));
      compoundsIn.push({
        name,
        communityCode: c.code,
        address: `${city.name}${subName.get(c.parent) ?? ''}${rnd.pick(roads)}${rnd.int(1, 400)}号`,
        yearBuilt,
        floorAreaM2: `${Math.floor(areaCenti / 10000)}.${String(Math.floor(areaCenti / 100) % 100).padStart(2, '0')}`,
        longitude: (area.longitude[0] + rnd.next() * area.longitude[1]).toFixed(6),
        latitude: (area.latitude[0] + rnd.next() * area.latitude[1]).toFixed(6),
        buildingsCount: new Set(rooms.map((r) => r.building)).size,
        householdsCount: households,
        propertyMode: rnd.pick(['professional', 'self_managed', 'community_hosted', 'none'] as const),
      });
    }
  }
  neighbours(compoundsIn.filter((c) => c.communityCode === demo().community.code));
  await upsertCompounds(tx, compoundsIn);
  onProgress?.(`${compoundsIn.length} compounds`);
  const ids = await tx.execute<{ id: string; community_code: string; name: string }>(sql`select id, community_code, name from compounds`);
  const idOf = new Map(ids.rows.map((r) => [`${r.community_code}/${r.name}`, r.id]));

  let households = 0;
  let pending: Parameters<typeof writeHouseholds>[1] = [];
  for (const c of compoundsIn) {
    const compoundId = idOf.get(`${c.communityCode}/${c.name}`)!;
    for (const room of layouts.get(`${c.communityCode}/${c.name}`)!) pending.push({ compoundId, ...room });
    if (pending.length >= 20_000) {
      households += count(await writeHouseholds(tx, pending, 'upsert'));
      pending = [];
      onProgress?.(`${households} households`);
    }
  }
  households += count(await writeHouseholds(tx, pending, 'upsert'));

  const hemuCommunity = community.code;
  const hemuCompoundIds = compoundsIn.filter((c) => c.communityCode.startsWith(HEMU)).map((c) => idOf.get(`${c.communityCode}/${c.name}`)!);
  const residents = await seedResidents(tx, key, rnd, p.residentsEverywhere ? null : hemuCompoundIds);
  onProgress?.(`${residents} residents`);
  const [first] = (
    await tx.execute<{ resident_id: string }>(sql`
      select hr.resident_id from household_residents hr join compounds c on c.id = hr.compound_id
      where c.community_code = ${hemuCommunity} and hr.status = 'verified' order by c.name, hr.household_id limit 1`)
  ).rows;
  // The demo resident signs in on the mobile web with a number the README gives out.
  if (first) {
    const sealed = sealResident(key, { name: community.name.replace(/社区$/, '居民'), phone: DEMO_RESIDENT_PHONE });
    await tx.execute(sql`
      update residents set phone_enc = ${sealed.phoneEnc}, phone_masked = ${sealed.phoneMasked}, phone_hash = ${sealed.phoneHash}
      where id = ${first.resident_id}`);
  }
  return {
    communities: communities.length,
    compounds: compoundsIn.length,
    households,
    residents,
    hemuCompoundIds,
    hemuCommunity,
    hemuResidentId: first?.resident_id ?? null,
  };
}

export const DEMO_RESIDENT_PHONE = '13900001234';

/** One fake owner per household (all, or those of `onlyCompounds`), most of them verified. */
async function seedResidents(tx: Tx, key: PersonalDataKey, rnd: Random, onlyCompounds: string[] | null): Promise<number> {
  const hh = await tx.execute<{ id: string; compound_id: string }>(
    onlyCompounds
      ? sql`select id, compound_id from households where compound_id = any(${pgArray(onlyCompounds)}::uuid[]) order by id`
      : sql`select id, compound_id from households order by id`,
  );
  let count = 0;
  for (let start = 0; start < hh.rows.length; start += 5000) {
    const batch = hh.rows.slice(start, start + 5000);
    const people = batch.map((h, i) => {
      const n = start + i;
      const first17 = `${cityPack().demo.district.code}${rnd.int(1940, 2000)}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
      const sealed = sealResident(key, {
        name: `${rnd.pick(surnames)}${rnd.pick(given)}`,
        phone: `1${rnd.pick(['38', '39', '58', '59', '88', '89'])}${String(rnd.int(0, 99999999)).padStart(8, '0')}`,
        idNumber: first17 + idCheckDigit(first17),
        fake: true,
      });
      return { id: uuidv7(), household: h, sealed, status: rnd.next() < 0.9 ? 'verified' : 'pending' };
    });
    const col = <K extends keyof (typeof people)[number]['sealed']>(k: K) =>
      pgArray(people.map((x) => x.sealed[k] as string | number | null));
    await tx.execute(sql`
      insert into residents (id, name_enc, name_masked, phone_enc, phone_masked, phone_hash, id_number_enc, id_number_masked, id_number_hash, fake)
      select * from unnest(${pgArray(people.map((x) => x.id))}::uuid[], ${col('nameEnc')}::text[], ${col('nameMasked')}::text[], ${col('phoneEnc')}::text[],
        ${col('phoneMasked')}::text[], ${col('phoneHash')}::text[], ${col('idNumberEnc')}::text[], ${col('idNumberMasked')}::text[], ${col('idNumberHash')}::text[],
        ${col('fake')}::int[])
      on conflict (id_number_hash) where id_number_hash is not null do nothing`);
    const res = await tx.execute(sql`
      insert into household_residents (compound_id, household_id, resident_id, relation, status, verified_at)
      select k.compound_id, k.household_id, r.id, 'owner', k.status, case when k.status = 'verified' then now() end
      from unnest(${pgArray(people.map((x) => x.household.compound_id))}::uuid[], ${pgArray(people.map((x) => x.household.id))}::uuid[],
        ${col('idNumberHash')}::text[], ${pgArray(people.map((x) => x.status))}::text[]) as k(compound_id, household_id, hash, status)
      join residents r on r.id_number_hash = k.hash
      on conflict (household_id, resident_id) do nothing`);
    count += res.rowCount ?? 0;
  }
  return count;
}

/** The compounds, with what other modules' demo data is built from. */
export async function compoundsForSeeding(tx: Tx) {
  return tx
    .select({
      id: compounds.id,
      name: compounds.name,
      cityCode: compounds.cityCode,
      districtCode: compounds.districtCode,
      subdistrictCode: compounds.subdistrictCode,
      communityCode: compounds.communityCode,
      floorAreaM2: compounds.floorAreaM2,
      householdsCount: compounds.householdsCount,
      buildingsCount: compounds.buildingsCount,
      yearBuilt: compounds.yearBuilt,
    })
    .from(compounds)
    .orderBy(compounds.communityCode, compounds.name);
}
