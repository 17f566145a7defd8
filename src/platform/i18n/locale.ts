// Which language a request is answered in: Accept-Language (q-values honoured),
// then the signed-in user's remembered locale, then zh-CN.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A language tag to one of ours: zh, zh-CN, zh-Hans… → zh-CN; en, en-GB… → en; anything else → undefined. */
function ours(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The best of our locales for an Accept-Language header, or undefined when it names none of them
 * (absent, `*`, or only other languages), so the caller falls back to the user's own choice.
 */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number; at: number } | undefined;
  header.split(',').forEach((part, at) => {
    const [tag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    const locale = ours(tag);
    if (!locale) return;
    // Equal weights keep the header's order.
    if (!best || q > best.q) best = { locale, q, at };
  });
  return best?.locale;
}

export function negotiateLocale(acceptLanguage: string | undefined, userLocale: string | null | undefined): Locale {
  return fromAcceptLanguage(acceptLanguage) ?? (userLocale === 'en' || userLocale === 'zh-CN' ? userLocale : DEFAULT_LOCALE);
}
