// Words by code. A module keeps its catalogue in its own `messages.ts` (defineMessages: every code
// with zh-CN and English); it hands out Message values (a code, its parameters and its templates),
// and only the edge of a request turns them into text in the request's language. So codes stay in
// data and people read words; nothing is looked up in a global registry.
import type { Locale } from './locale.ts';

export type Localized = { readonly 'zh-CN': string; readonly en: string };

/** Anything that can be put into words in either language. */
export interface Words {
  in(locale: Locale): string;
}

/**
 * A parameter: plain text or a number as is, or words (money, a rule's name, another message) put
 * into the same language. Arrays are listed (、 in Chinese, commas in English). Objects are not
 * parameters: that is how "[object Object]" reached a reader.
 */
export type Param = string | number | bigint | Words | readonly Param[];
export type Params = Readonly<Record<string, Param>>;

export interface Entry {
  readonly 'zh-CN': string;
  readonly en: string;
  /** A short title for a problem of this code; without one the status's title is used. */
  readonly title?: Localized;
}

const isWords = (v: unknown): v is Words => typeof v === 'object' && v !== null && typeof (v as Words).in === 'function';

function paramText(value: Param, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((v: Param) => paramText(v, locale)).join(locale === 'en' ? ', ' : '、');
  if (isWords(value)) return value.in(locale);
  throw new TypeError('A message parameter must be text, a number or words');
}

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}` rather than reading "undefined". */
export function interpolate(template: string, params: Params, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(params[name]!, locale) : whole));
}

export class Message implements Words {
  constructor(
    readonly code: string,
    readonly entry: Entry,
    readonly params: Params = {},
  ) {}

  in(locale: Locale): string {
    return interpolate(this.entry[locale], this.params, locale);
  }

  title(locale: Locale): string | undefined {
    return this.entry.title?.[locale];
  }

  /** The words in both languages, for data kept beside a code (a notice, a gate's verdict). */
  both(): Localized {
    return { 'zh-CN': this.in('zh-CN'), en: this.in('en') };
  }
}

export class Catalogue<C extends Record<string, Entry>> {
  constructor(readonly entries: C) {}

  msg<K extends keyof C & string>(code: K, params: Params = {}): Message {
    return new Message(code, this.entries[code] as Entry, params);
  }

  has(code: string): code is keyof C & string {
    return Object.hasOwn(this.entries, code);
  }
}

export const defineMessages = <const C extends Record<string, Entry>>(entries: C): Catalogue<C> => new Catalogue(entries);

/** Literal words in both languages (a name, a unit) where no code is needed. */
export const words = (texts: Localized): Words & { texts: Localized } => ({ texts, in: (locale) => texts[locale] });

/** Words that read the same in every language (a number, a code, a name). */
export const verbatim = (text: string): Words => ({ in: () => text });

/**
 * Puts every Words value inside a reply (nested objects and arrays) into the request's language;
 * anything else is left as it is.
 */
export function render<T>(value: T, locale: Locale): Rendered<T> {
  if (isWords(value)) return value.in(locale) as Rendered<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => render(v, locale)) as Rendered<T>;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, locale)])) as Rendered<T>;
  }
  return value as Rendered<T>;
}

export type Rendered<T> = T extends Words
  ? string
  : T extends readonly (infer U)[]
    ? Rendered<U>[]
    : T extends bigint | string | number | boolean | null | undefined | Date
      ? T
      : T extends object
        ? { [K in keyof T]: Rendered<T[K]> }
        : T;
