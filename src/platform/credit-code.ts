// 统一社会信用代码 (GB 32100-2015): the registration code of every company and
// institution in China: 18 characters, the last a MOD 31 check character.
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character completing 17 characters (demo data makes valid codes with it). */
export function creditCheckChar(first17: string): string {
  const sum = weights.reduce((s, w, i) => s + w * charset.indexOf(first17[i]!), 0);
  return charset[(31 - (sum % 31)) % 31]!;
}

export function validCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code) && code[17] === creditCheckChar(code);
}
