// Values as words: money (integer fen) as yuan with two decimals, areas, fractions and percentages.
import { formatYuan } from '../money.ts';
import { words, type Words } from './messages.ts';

/** Integer fen as yuan: "1,234.50 元" / "1,234.50 yuan". */
export function yuan(fen: bigint | number): Words {
  const text = formatYuan(BigInt(fen));
  return words({ 'zh-CN': `${text} 元`, en: `${text} yuan` });
}

/** A fraction as a percentage when it is a whole one ("10%"), else with its approximate percentage ("2/3（约 66.67%）"). */
export function fraction(f: { numerator: number; denominator: number }): Words {
  const pct = (f.numerator * 100) / f.denominator;
  if (Number.isInteger(pct)) return words({ 'zh-CN': `${pct}%`, en: `${pct}%` });
  const approx = Math.round(pct * 100) / 100;
  return words({ 'zh-CN': `${f.numerator}/${f.denominator}（约 ${approx}%）`, en: `${f.numerator}/${f.denominator} (about ${approx}%)` });
}

/** A list of words joined in the language's way; `clauses` for items that are sentences of their own. */
export function list(items: readonly Words[], clauses = false): Words {
  const sep = clauses ? { en: '; ', zh: '；' } : { en: ', ', zh: '、' };
  return { in: (locale) => items.map((w) => w.in(locale)).join(locale === 'en' ? sep.en : sep.zh) };
}
