// The GeoReport v2 use cases over grid events, asked of the grid module through its index.ts only:
// services from the grid's categories, a posted request made a grid event (source `open311`, platform =
// the partner, sourceRef = the partner's own id when given, so a repeat is the same event), and
// requests read back by token, by id or by filters through one call of `listGridEvents`.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { createGridEvent, getGridEvent, gridCategories, listGridEvents, openStates, type GridEventState } from '../grid/index.ts';
import { checkAttributes, readPost, statusOf, type Form, type GeoError, type ServedCategory } from './form.ts';
import { parseW3cDatetime, type GeoDocument } from './georeport.ts';
import { keyOf } from './keys.service.ts';
import { open311Messages as om } from './messages.ts';
import {
  createdDocument,
  definitionDocument,
  requestRecord,
  requestsDocument,
  serviceNotice,
  servicesDocument,
  tokenDocument,
  type EventView,
} from './records.ts';
import { open311Tokens } from './schema.ts';

/** A refusal answered as a GeoReport error list. */
export class GeoFailure extends Error {
  readonly status: 400 | 403 | 404;
  constructor(readonly errors: GeoError[]) {
    super(errors.map((e) => e.message.in('en')).join(' '));
    this.status = statusOf(errors);
  }
}
const fail = (status: GeoError['status'], message: GeoError['message']): never => {
  throw new GeoFailure([{ status, message }]);
};

// Categories about a person rather than a place (an SOS follow-up, an elderly resident needing help) are
// not offered to partners nor listed to the public: their address alone would say who needs help.
const PERSONAL_CATEGORIES = new Set(['sos_followup', 'elderly_help']);

export async function servedCategories(ctx: AppContext): Promise<Map<string, ServedCategory>> {
  const { items } = await gridCategories(ctx);
  return new Map(items.filter((c) => !PERSONAL_CATEGORIES.has(c.code)).map((c) => [c.code, c]));
}

/** jurisdiction_id is optional (this endpoint serves one city); when given it must be that city. */
export function checkJurisdiction(ctx: AppContext, given: string | null | undefined): GeoError[] {
  const ours = ctx.env.OPEN311_JURISDICTION;
  if (given === undefined || given === null || given.trim() === '' || given.trim() === ours) return [];
  return [{ status: 404, message: om.msg('open311.jurisdiction_unknown', { id: given.trim().slice(0, 40), ours }) }];
}

export async function services(ctx: AppContext, jurisdiction: string | undefined, locale: Locale): Promise<GeoDocument> {
  const errors = checkJurisdiction(ctx, jurisdiction);
  if (errors.length > 0) throw new GeoFailure(errors);
  return servicesDocument([...(await servedCategories(ctx)).values()], locale);
}

export async function serviceDefinition(
  ctx: AppContext,
  code: string,
  jurisdiction: string | undefined,
  locale: Locale,
): Promise<GeoDocument> {
  const errors = checkJurisdiction(ctx, jurisdiction);
  const category = (await servedCategories(ctx)).get(code);
  if (!category) errors.push({ status: 404, message: om.msg('open311.service_code_unknown', { code: code.slice(0, 64) }) });
  if (errors.length > 0) throw new GeoFailure(errors);
  return definitionDocument(category!, locale);
}

const newToken = () => randomBytes(18).toString('base64url');

/** POST requests: the key first (403 before anything is said about the rest), then every other error at once. */
export async function postRequest(ctx: AppContext, form: Form, locale: Locale): Promise<GeoDocument> {
  const { post, errors } = readPost(form);
  if (post.apiKey === null) fail(403, om.msg('open311.api_key_missing'));
  const key = await keyOf(ctx, post.apiKey!);
  if (!key) fail(403, om.msg('open311.api_key_invalid'));
  errors.push(...checkJurisdiction(ctx, post.jurisdictionId));
  if (errors.length === 0 && post.jurisdictionId && post.jurisdictionId !== key!.jurisdiction)
    errors.push({ status: 403, message: om.msg('open311.jurisdiction_scope', { id: post.jurisdictionId }) });
  const categories = await servedCategories(ctx);
  let category: ServedCategory | undefined;
  if (post.serviceCode === null) errors.push({ status: 400, message: om.msg('open311.service_code_missing') });
  else {
    category = categories.get(post.serviceCode);
    if (!category) errors.push({ status: 404, message: om.msg('open311.service_code_unknown', { code: post.serviceCode.slice(0, 64) }) });
    else if (key!.serviceCodes && !key!.serviceCodes.includes(category.code))
      errors.push({ status: 403, message: om.msg('open311.api_key_scope', { code: category.code }) });
  }
  const checked = category ? checkAttributes(category, post.attributes) : { attributes: {}, errors: [] };
  errors.push(...checked.errors);
  if (errors.length > 0) throw new GeoFailure(errors);

  const made = await ctx.db.transaction(async (tx) => {
    const event = await createGridEvent(
      ctx,
      {
        category: category!.code,
        description: post.description,
        ...(post.compoundId ? { compoundId: post.compoundId } : {}),
        ...(post.lat !== undefined ? { lat: post.lat, lng: post.lng } : {}),
        ...(post.addressText ? { addressText: post.addressText } : {}),
        source: 'open311',
        platform: key!.partner,
        ...(post.externalId ? { sourceRef: post.externalId } : {}),
        attributes: checked.attributes,
        ...(post.mediaUrl ? { mediaUrl: post.mediaUrl } : {}),
      },
      null,
      tx,
    );
    if (!event.created) {
      const [prior] = await tx
        .select({ token: open311Tokens.token })
        .from(open311Tokens)
        .where(and(eq(open311Tokens.gridEventId, event.id), eq(open311Tokens.partner, key!.partner)))
        .limit(1);
      if (prior) return { token: prior.token, dueAt: event.dueAt };
    }
    const token = newToken();
    await tx.insert(open311Tokens).values({ token, gridEventId: event.id, keyId: key!.id, partner: key!.partner });
    return { token, dueAt: event.dueAt };
  });
  return createdDocument(made.token, serviceNotice(category!, made.dueAt, locale));
}

const tokenPattern = /^[A-Za-z0-9_-]{1,64}$/;

export async function tokenLookup(ctx: AppContext, token: string, jurisdiction: string | undefined): Promise<GeoDocument> {
  const errors = checkJurisdiction(ctx, jurisdiction);
  if (errors.length > 0) throw new GeoFailure(errors);
  const [row] = tokenPattern.test(token)
    ? await ctx.db.select({ id: open311Tokens.gridEventId }).from(open311Tokens).where(eq(open311Tokens.token, token))
    : [];
  if (!row) fail(404, om.msg('open311.token_unknown', { token: token.slice(0, 64) }));
  return tokenDocument(token, row!.id);
}

export async function requestById(ctx: AppContext, id: string, jurisdiction: string | undefined, locale: Locale): Promise<GeoDocument> {
  const errors = checkJurisdiction(ctx, jurisdiction);
  if (errors.length > 0) throw new GeoFailure(errors);
  const categories = await servedCategories(ctx);
  const event = uuidPattern.test(id) ? await getGridEvent(ctx, id.toLowerCase(), locale) : null;
  const category = event ? categories.get(event.category) : undefined;
  if (!event || !category) return fail(404, om.msg('open311.request_unknown', { id: id.slice(0, 64) }));
  return requestsDocument([requestRecord({ ...event, lastNote: event.steps.at(-1)?.note ?? null }, category, locale)]);
}

export interface RequestQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const DAY = 86_400_000;
/** The specification's response volume: a span of 90 days or the first 1000 requests, whichever is smaller. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;

const commaList = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The filters of GET requests, checked; pure apart from `now`. */
export function readQuery(q: RequestQuery, served: ReadonlyMap<string, unknown>, now: Date) {
  const errors: GeoError[] = [];
  const ids = commaList(q.service_request_id);
  if (ids.length > MAX_REQUESTS) errors.push({ status: 400, message: om.msg('open311.too_many_ids', { max: MAX_REQUESTS }) });
  const codes = commaList(q.service_code);
  for (const c of codes)
    if (!served.has(c)) errors.push({ status: 404, message: om.msg('open311.service_code_unknown', { code: c.slice(0, 64) }) });
  const statuses = commaList(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) errors.push({ status: 400, message: om.msg('open311.status_invalid') });
  const date = (field: 'start_date' | 'end_date') => {
    const text = q[field]?.trim();
    if (!text) return undefined;
    const d = parseW3cDatetime(text);
    if (!d) errors.push({ status: 400, message: om.msg('open311.date_invalid', { field }) });
    return d ?? undefined;
  };
  let from = date('start_date');
  let to = date('end_date');
  if (!from && !to) [from, to] = [new Date(now.getTime() - MAX_SPAN_DAYS * DAY), now];
  else if (!from) from = new Date(to!.getTime() - MAX_SPAN_DAYS * DAY);
  else if (!to) to = new Date(from.getTime() + MAX_SPAN_DAYS * DAY);
  if (from && to && (from > to || to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY))
    errors.push({ status: 400, message: om.msg('open311.date_range') });
  const states: GridEventState[] | undefined =
    statuses.length === 0 || (statuses.includes('open') && statuses.includes('closed'))
      ? undefined
      : statuses.includes('closed')
        ? ['closed']
        : [...openStates];
  return {
    errors,
    // service_request_id overrides every other argument; ids that are not ours cannot match and are left out.
    filter: {
      ids: ids.length > 0 ? ids.filter((i) => uuidPattern.test(i)).map((i) => i.toLowerCase()) : null,
      codes,
      states,
      from: from!,
      to: to!,
    },
  };
}

export async function listRequests(ctx: AppContext, q: RequestQuery, locale: Locale, now = new Date()): Promise<GeoDocument> {
  const served = await servedCategories(ctx);
  const { errors, filter } = readQuery(q, served, now);
  errors.unshift(...checkJurisdiction(ctx, q.jurisdiction_id));
  if (errors.length > 0) throw new GeoFailure(errors);
  let events: EventView[];
  if (filter.ids) {
    events =
      filter.ids.length === 0
        ? []
        : await listGridEvents(ctx, { ids: filter.ids, categories: [...served.keys()], limit: MAX_REQUESTS }, locale);
  } else {
    events = await listGridEvents(
      ctx,
      {
        categories: filter.codes.length > 0 ? filter.codes : [...served.keys()],
        ...(filter.states ? { states: filter.states } : {}),
        from: filter.from,
        to: filter.to,
        limit: MAX_REQUESTS,
      },
      locale,
    );
  }
  return requestsDocument(events.flatMap((e) => (served.has(e.category) ? [requestRecord(e, served.get(e.category)!, locale)] : [])));
}
