import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileSet } from './profiles.ts';

const shipped = JSON.parse(readFileSync(new URL('../../../reference/catalogue/device-profiles.json', import.meta.url), 'utf8')) as unknown;

describe('device profiles as data', () => {
  it('the shipped profiles read, one per kind the report names, each with a heartbeat and an offline rule', () => {
    const set = profileSet('2026.1', shipped);
    expect([...set.byCode.keys()]).toEqual(
      expect.arrayContaining([
        'perimeter',
        'key_area',
        'throwing_camera',
        'smoke_detector',
        'lift',
        'water_pump',
        'sos_button',
        'keyperson_camera',
        'gateway',
      ]),
    );
    for (const p of set.document.profiles) {
      expect(p.eventTypes.some((e) => e.type === 'heartbeat')).toBe(true);
      expect(p.rules.filter((r) => r.noData)).toHaveLength(1);
      for (const r of p.rules) if (r.on) expect(p.eventTypes.map((e) => e.type)).toContain(r.on);
    }
  });

  it('refuses a rule with a field but no comparison', () => {
    const doc = structuredClone(shipped) as { profiles: { rules: Record<string, unknown>[] }[] };
    doc.profiles[0]!.rules[0]!.field = 'zone';
    expect(() => profileSet('x', doc)).toThrow(/field, op and value/);
  });
});
