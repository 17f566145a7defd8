// Personal data (names, phones, ID numbers) is encrypted at rest with
// AES-256-GCM; lists read only masked copies; ID numbers also get a keyed
// hash (HMAC-SHA-256) so duplicates are found without decrypting anything.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface PersonalDataKey {
  enc: Buffer;
  mac: Buffer;
}

export function personalDataKey(secret: string): PersonalDataKey {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest();
  return { enc: derive('renova/personal-data/enc/v1'), mac: derive('renova/personal-data/mac/v1') };
}

export function encrypt(key: PersonalDataKey, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decrypt(key: PersonalDataKey, sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable personal data envelope');
  const decipher = createDecipheriv('aes-256-gcm', key.enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function matchHash(key: PersonalDataKey, value: string): string {
  return createHmac('sha256', key.mac).update(value.trim().toUpperCase()).digest('base64url');
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; a Latin name keeps its first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, '');
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

/** 330105199001011234 → 3301**********1234. */
export function maskIdNumber(id: string): string {
  const p = id.trim();
  if (p.length < 8) return '*'.repeat(p.length);
  return p.slice(0, 4) + '*'.repeat(p.length - 8) + p.slice(-4);
}

/** Mainland resident ID: 18 characters, ISO 7064 MOD 11-2 check digit. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

export function idCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return '10X98765432'[sum % 11]!;
}
