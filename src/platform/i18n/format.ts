// Values as words: money (integer fen) as yuan with two decimals, areas, fractions and percentages.
import { decimal, exact } from '../exact.ts';
import { formatYuan } from '../money.ts';
import { words, type Words } from './messages.ts';

/** Integer fen as yuan: "1,234.50 元" / "1,234.50 yuan". */
export function yuan(fen: bigint | number): Words {
  const text = formatYuan(BigInt(fen));
  return words({ 'zh-CN': `${text} 元`, en: `${text} yuan` });
}

/**
 * A fraction as words: its percentage when that is whole, else the fraction itself beside its percentage rounded
 * to two places. In integers throughout (platform/exact.ts): a rule's ratio is shown as exactly as it is compared.
 */
export function fraction(f: { numerator: number; denominator: number }): Words {
  const pct = exact(BigInt(f.numerator) * 100n, BigInt(f.denominator));
  if (pct.d === 1n) return words({ 'zh-CN': `${pct.n}%`, en: `${pct.n}%` });
  const approx = decimal(pct, 2);
  return words({ 'zh-CN': `${f.numerator}/${f.denominator}（约 ${approx}%）`, en: `${f.numerator}/${f.denominator} (about ${approx}%)` });
}

/** A list of words joined in the language's way; `clauses` for items that are sentences of their own. */
export function list(items: readonly Words[], clauses = false): Words {
  const sep = clauses ? { en: '; ', zh: '；' } : { en: ', ', zh: '、' };
  return { in: (locale) => items.map((w) => w.in(locale)).join(locale === 'en' ? sep.en : sep.zh) };
}
