// Field messages of request validation in the request's language. zod's own locales are global
// (z.config), so the issue is put into words per request, from its code, when the problem is written.
import { en, zhCN } from 'zod/v4/locales';
import { Message, type Entry } from './messages.ts';

type Issue = Parameters<ReturnType<typeof en>['localeError']>[0];
const maps = { 'zh-CN': zhCN().localeError, en: en().localeError };

function say(map: (typeof maps)['en'], issue: Issue): string {
  const out = map(issue);
  return typeof out === 'string' ? out : (out?.message ?? '');
}

/**
 * A validation issue as a message. Zod's default wording is translated; a schema's own message is
 * kept as written (it is a code's words or a sentence of that schema's author).
 */
export function issueMessage(issue: Issue & { message?: string }): Message {
  let entry: Entry;
  try {
    // The input is not kept in the issue; the type zod saw is in its own wording, so give the locales one of that type.
    const seen = issue.code === 'invalid_type' && /received (\w+)$/.exec(issue.message ?? '')?.[1];
    if (seen && !('input' in issue)) issue = Object.assign({}, issue, { input: samples[seen] });
    const english = say(maps.en, issue);
    entry = !issue.message || issue.message === english ? { 'zh-CN': say(maps['zh-CN'], issue), en: english } : both(issue.message);
  } catch {
    entry = both(issue.message ?? 'invalid');
  }
  return new Message(`field.${issue.code ?? 'invalid'}`, entry);
}

const samples: Record<string, unknown> = {
  number: 0,
  string: '',
  boolean: false,
  undefined: undefined,
  null: null,
  array: [],
  object: {},
  nan: Number.NaN,
  bigint: 0n,
  date: new Date(0),
};

const both = (text: string): Entry => ({ 'zh-CN': text, en: text });
