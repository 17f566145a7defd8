// Mainland Chinese number plates (GA 36-2018): a province's character, the issuing city's letter, then five
// characters (ordinary plates, 7 in all) or six (new-energy plates, 8 in all: D electric / F hybrid first for small
// vehicles, last for large ones). I and O never appear, being read as 1 and 0. Pure: no database.

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';
const ordinary = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警港澳]$`);
const newEnergySmall = new RegExp(`^[${PROVINCES}][${L}][DF][${L}0-9][0-9]{4}$`);
const newEnergyLarge = new RegExp(`^[${PROVINCES}][${L}][0-9]{5}[DF]$`);

export type PlateKind = 'ordinary' | 'new_energy';

/** The plate as stored and compared: upper case, without the spaces, dots or dashes people type. */
export const normalizePlate = (text: string): string => text.replace(/[\s·.\-•]/g, '').toUpperCase();

/** The plate's kind, or null when it is not a valid mainland plate. */
export function plateKind(text: string): PlateKind | null {
  const p = normalizePlate(text);
  if ([...p].length === 7 && ordinary.test(p)) return 'ordinary';
  if ([...p].length === 8 && (newEnergySmall.test(p) || newEnergyLarge.test(p))) return 'new_energy';
  return null;
}
