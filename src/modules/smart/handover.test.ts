// The hand-over rule as a plain function: which alarms become grid events, and when.
import { describe, expect, it } from 'vitest';
import { handoverCategory, type AlarmHandover } from './handover.ts';
import { dutyLevels } from './schema.ts';

const rule: AlarmHandover = {
  alarms: [
    { type: 'sos.pressed', category: 'sos_followup', atLevel: 'subdistrict', afterSeconds: 600 },
    { type: 'fire.smoke', category: 'fire_hazard', atLevel: 'community' },
    { type: 'pump.pressure_low', category: 'water_leak', afterSeconds: 3600 },
  ],
};
const t0 = new Date('2026-12-03T00:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);
const alarm = (type: string, extra: Partial<{ status: string; restricted: string }> = {}) => ({
  type,
  status: 'active',
  restricted: 'no',
  firstAt: t0,
  ...extra,
});

describe('handoverCategory', () => {
  it('hands an unacknowledged alarm over on reaching its level, not before', () => {
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed'), 'community', after(240))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed'), 'subdistrict', after(240))).toBe('sos_followup');
    expect(handoverCategory(rule, dutyLevels, alarm('fire.smoke'), 'community', after(1))).toBe('fire_hazard');
    expect(handoverCategory(rule, dutyLevels, alarm('fire.smoke'), 'compound', after(10_000))).toBeNull();
  });

  it('or once its seconds have passed, whatever its level', () => {
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed'), 'compound', after(599))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed'), 'compound', after(600))).toBe('sos_followup');
    expect(handoverCategory(rule, dutyLevels, alarm('pump.pressure_low'), 'subdistrict', after(3599))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('pump.pressure_low'), 'compound', after(3600))).toBe('water_leak');
  });

  it('never hands over an acknowledged or cleared alarm, a watch-list alert, or a cause the rule does not name', () => {
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed', { status: 'acknowledged' }), 'subdistrict', after(9999))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed', { status: 'cleared' }), 'subdistrict', after(9999))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('sos.pressed', { restricted: 'keyperson' }), 'subdistrict', after(9999))).toBeNull();
    expect(handoverCategory(rule, dutyLevels, alarm('equipment.fault'), 'subdistrict', after(99_999))).toBeNull();
  });

  it('a level the duty chain does not have is never reached (only the seconds count)', () => {
    expect(handoverCategory(rule, ['compound', 'community'], alarm('sos.pressed'), 'community', after(300))).toBeNull();
    expect(handoverCategory(rule, ['compound', 'community'], alarm('sos.pressed'), 'community', after(600))).toBe('sos_followup');
  });
});
