// Mainland plates: ordinary 7-character plates, new-energy 8-character ones (small: D/F third; large: D/F last), what
// people type around them, and what is refused.
import { describe, expect, it } from 'vitest';
import { normalizePlate, plateKind } from './plates.ts';

describe('plateKind', () => {
  it('reads ordinary and new-energy plates', () => {
    expect(plateKind('浙A12345')).toBe('ordinary');
    expect(plateKind('浙AB123C')).toBe('ordinary');
    expect(plateKind('粤B1234学')).toBe('ordinary');
    expect(plateKind('浙AD12345')).toBe('new_energy');
    expect(plateKind('浙AFK1345')).toBe('new_energy');
    expect(plateKind('沪A12345D')).toBe('new_energy');
  });

  it('takes what people type: lower case, spaces and the middle dot', () => {
    expect(normalizePlate(' 浙a·d1234 5 ')).toBe('浙AD12345');
    expect(plateKind('浙a 12345')).toBe('ordinary');
  });

  it('refuses plates of the wrong length, without a province, with I or O, or a new-energy plate with a bad letter', () => {
    for (const bad of ['', '浙A1234', '浙A1234567', 'AA12345', '浙I12345', '浙A1O345', '浙AX12345', '浙AD1234X', '浙A12345X', '台A12345'])
      expect(plateKind(bad), bad).toBeNull();
  });
});
