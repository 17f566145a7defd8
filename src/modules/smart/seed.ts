// The demo city's devices: each 和睦 compound gets what a renovated compound is fitted with (perimeter and key-area
// cameras, throwing monitors, a smoke detector per building, a lift, a pump, SOS buttons in elderly households, one
// watch-list camera at the gate, and a gateway), a few compounds elsewhere in the city a smaller set. They are the
// simulator's devices (vendor `Renova 模拟器`), seen just now, so the duty console shows devices online at once
// and the gentle simulator keeps them talking.
import { count, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { compoundsForSeeding, registry } from '../registry/index.ts';
import { profilesAt } from './profiles.ts';
import { devices } from './schema.ts';
import { insertSimulatedDevices, SIMULATOR_VENDOR, type NewSimulatedDevice } from './simulator-devices.ts';

interface SeedCompound {
  id: string;
  name: string;
  communityCode: string;
}

const models: Record<string, string> = {
  gateway: 'RG-IoT-200 物联网关',
  perimeter: 'PC-Fence-4 周界摄像机',
  key_area: 'KA-Dome-2 半球摄像机',
  throwing_camera: 'HT-Up-8 高空抛物摄像机',
  smoke_detector: 'JTY-GD-NB 独立式烟感',
  lift: 'EL-Mon-3 电梯监测终端',
  water_pump: 'WP-Ctl-5 水泵控制箱',
  sos_button: 'SOS-1 一键报警器',
  keyperson_camera: 'FR-Gate-1 人脸抓拍机',
};

/** What one 和睦 compound is fitted with, by building. */
export function hemuDeviceSet(
  buildings: readonly { id: string; name: string }[],
): Omit<NewSimulatedDevice, 'compoundId' | 'communityCode'>[] {
  const first = buildings[0];
  const set: Omit<NewSimulatedDevice, 'compoundId' | 'communityCode'>[] = [
    { profile: 'gateway', name: '物联网关', location: '物业服务中心' },
    { profile: 'perimeter', name: '周界摄像机-东', location: '东侧围墙' },
    { profile: 'perimeter', name: '周界摄像机-北门', location: '北门' },
    { profile: 'key_area', name: '配电房摄像机', location: '配电房' },
    { profile: 'water_pump', name: '二次供水水泵', location: '水泵房' },
    { profile: 'keyperson_camera', name: '主入口人脸抓拍', location: '主入口' },
  ];
  buildings.slice(0, 8).forEach((b, i) => {
    set.push({ profile: 'smoke_detector', name: `烟感-${b.name}`, buildingId: b.id, location: `${b.name} 楼道` });
    if (i % 2 === 0) set.push({ profile: 'throwing_camera', name: `高空抛物-${b.name}`, buildingId: b.id, location: `${b.name} 南侧` });
  });
  if (first) set.push({ profile: 'lift', name: `加装电梯-${first.name}`, buildingId: first.id, location: `${first.name} 1单元` });
  for (const [i, b] of buildings.slice(0, 3).entries())
    set.push({ profile: 'sos_button', name: `一键报警-${b.name}-${i + 1}`, buildingId: b.id, location: `${b.name} 独居老人户` });
  return set;
}

/** Registers the demo devices once (a second seed finds them and adds none); answers how many were added. */
export async function seedSmartDevices(tx: Tx, hemuCompoundIds: readonly string[], now = new Date()): Promise<number> {
  const [already] = await tx.select({ n: count() }).from(devices).where(eq(devices.vendor, SIMULATOR_VENDOR));
  if (already!.n > 0) return 0;
  const all: SeedCompound[] = await compoundsForSeeding(tx);
  const hemu = all.filter((c) => hemuCompoundIds.includes(c.id));
  // A few compounds elsewhere in the city, spread over its communities.
  const others = all
    .filter((c) => !hemuCompoundIds.includes(c.id))
    .filter((_, i, list) => i % Math.max(1, Math.floor(list.length / 3)) === 0)
    .slice(0, 3);
  const buildings = await registry.buildingsOfCompounds(
    tx,
    hemu.map((c) => c.id),
  );
  const profiles = await profilesAt(tx);
  const list: NewSimulatedDevice[] = [];
  const add = (c: SeedCompound, items: Omit<NewSimulatedDevice, 'compoundId' | 'communityCode'>[]) =>
    items.forEach((d, i) => {
      const p = profiles.byCode.get(d.profile)!;
      // One device in fifteen is installed but not yet connected: the console's "never seen" case.
      const online = i % 15 !== 14;
      list.push({
        ...d,
        compoundId: c.id,
        communityCode: c.communityCode,
        model: models[d.profile] ?? null,
        serial: `SIM-${String(list.length + 1).padStart(5, '0')}`,
        online,
        offlineAt: online ? new Date(now.getTime() + (p.heartbeatSeconds + p.graceSeconds) * 1000) : null,
      });
    });
  for (const c of hemu) add(c, hemuDeviceSet(buildings.filter((b) => b.compoundId === c.id)));
  for (const c of others)
    add(c, [
      { profile: 'gateway', name: '物联网关', location: '物业服务中心' },
      { profile: 'smoke_detector', name: '烟感-1幢', location: '1幢 楼道' },
      { profile: 'smoke_detector', name: '烟感-2幢', location: '2幢 楼道' },
      { profile: 'sos_button', name: '一键报警-1', location: '独居老人户' },
    ]);
  await insertSimulatedDevices(tx, list, now);
  return list.length;
}
