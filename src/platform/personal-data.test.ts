import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decrypt,
  encrypt,
  idCheckDigit,
  maskIdNumber,
  maskName,
  maskPhone,
  matchHash,
  personalDataKey,
  validIdNumber,
} from './personal-data.ts';

const key = personalDataKey('a-test-secret-that-is-long-enough-000');

describe('personal data', () => {
  it('masks names, phones and ID numbers as lists show them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('330105199001011234')).toBe('3301**********1234');
  });

  it('encrypts so that only the key reads it back, with a fresh IV each time', () => {
    const sealed = encrypt(key, '王小明');
    expect(sealed).not.toContain('王小明');
    expect(encrypt(key, '王小明')).not.toBe(sealed);
    expect(decrypt(key, sealed)).toBe('王小明');
    expect(() => decrypt(personalDataKey('another-secret-that-is-long-enough-0'), sealed)).toThrow();
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string(), (s) => decrypt(key, encrypt(key, s)) === s));
  });

  it('matches ID numbers by keyed hash regardless of case of the check letter', () => {
    expect(matchHash(key, '11010519491231002x')).toBe(matchHash(key, '11010519491231002X'));
    expect(matchHash(key, '110105194912310021')).not.toBe(matchHash(key, '11010519491231002X'));
  });

  it('checks the ID number check digit', () => {
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('110105194912310021')).toBe(false);
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), (first17) => validIdNumber(first17 + idCheckDigit(first17))));
  });
});
