// Division codes encode their ancestors (330105004001 → 330105004 → 330105 → 330100 → 330000),
// so the breadcrumb's chain and a code's level are read off the code itself (as the server does).
import type { DivisionLevel } from '../registry/index.ts';

export function levelOf(code: string): DivisionLevel | undefined {
  if (/^\d{12}$/.test(code)) return 'community';
  if (/^\d{9}$/.test(code)) return 'subdistrict';
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/** Codes from the province down to the code itself. */
export function lineage(code: string): string[] {
  const level = levelOf(code);
  if (!level) return [];
  const chain = [code.slice(0, 2) + '0000'];
  if (level === 'province') return chain;
  chain.push(code.slice(0, 4) + '00');
  if (level === 'city') return chain;
  chain.push(code.slice(0, 6));
  if (level === 'district') return chain;
  chain.push(code.slice(0, 9));
  if (level === 'subdistrict') return chain;
  chain.push(code);
  return chain;
}

/** The chain from `top` (the account's scope) down to `code`; just [code] when `top` is not above it. */
export function chainFrom(top: string | null, code: string): string[] {
  const chain = lineage(code);
  const at = top ? chain.indexOf(top) : -1;
  return at < 0 ? [code] : chain.slice(at);
}

export const isDivisionCode = (code: string | undefined): code is string => code !== undefined && levelOf(code) !== undefined;
