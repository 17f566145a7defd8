// The GeoReport v2 documents of our data: the discovery file, the service list and definitions from the
// grid's categories, and service requests from grid events. Pure functions; element names and their order
// are the specification's. No personal data of a reporter is ever put into them: a request shows the place,
// the category, the text and the handling, never who reported it.
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import { GeoList, w3cDatetime, type GeoDocument, type GeoRecord } from './georeport.ts';
import type { ServedCategory } from './form.ts';
import { open311Messages as om } from './messages.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** What a service request is made of (the grid's GridEventDetail has at least these fields). */
export interface EventView {
  id: string;
  category: string;
  description: string;
  state: string;
  addressText: string | null;
  lat: number | string | null;
  lng: number | string | null;
  reportedAt: Date | string;
  updatedAt: Date | string;
  dueAt: Date | string | null;
  closedAt?: Date | string | null;
  mediaUrl: string | null;
  /** The latest step's note: the request's status_notes. */
  lastNote: string | null;
}

const nameIn = (n: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? n.en : n.zh);

export function agencyOf(category: ServedCategory): Message {
  const department = `department.${category.cityDepartment ?? ''}`;
  if (category.responsible === 'city' && om.has(department)) return om.msg(department);
  return om.msg(`agency.${category.responsible}`);
}

export function serviceNotice(category: ServedCategory, dueAt: Date | string | null, locale: Locale): string {
  const agency = agencyOf(category);
  const due = w3cDatetime(dueAt);
  return (
    due ? om.msg('open311.notice_due', { agency, due: due.slice(0, 16).replace('T', ' ') }) : om.msg('open311.notice', { agency })
  ).in(locale);
}

export function discoveryDocument(url: string, changeset: string, locale: Locale): GeoDocument {
  return {
    root: 'discovery',
    value: {
      changeset,
      contact: om.msg('open311.contact').in(locale),
      key_service: om.msg('open311.key_service').in(locale),
      endpoints: new GeoList('endpoint', [
        {
          specification: SPECIFICATION,
          url,
          changeset,
          type: 'production',
          formats: new GeoList('format', ['text/xml', 'application/json']),
        },
      ]),
    },
  };
}

function serviceRecord(c: ServedCategory, locale: Locale): GeoRecord {
  return {
    service_code: c.code,
    service_name: nameIn(c.name, locale),
    description: locale === 'en' ? `${c.name.en} (${agencyOf(c).in('en')})` : `${c.name.zh}（${agencyOf(c).in('zh-CN')}）`,
    metadata: c.attributes.length > 0,
    // Requests are answered with a token (GeoReport's `batch`), which tokens/{token} turns into the id.
    type: 'batch',
    keywords: [c.name.zh, c.name.en].join(', '),
    group: c.group,
  };
}

export function servicesDocument(categories: readonly ServedCategory[], locale: Locale): GeoDocument {
  return {
    root: 'services',
    value: new GeoList(
      'service',
      categories.map((c) => serviceRecord(c, locale)),
    ),
  };
}

const listTypes = new Set(['singlevaluelist', 'multivaluelist']);

export function definitionDocument(c: ServedCategory, locale: Locale): GeoDocument {
  return {
    root: 'service_definition',
    value: {
      service_code: c.code,
      attributes: new GeoList(
        'attribute',
        c.attributes.map((a, i) => ({
          variable: true,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatype === 'datetime' ? 'W3C datetime, e.g. 2026-01-01T08:00:00+08:00' : null,
          order: i + 1,
          description: nameIn(a.description, locale),
          values: listTypes.has(a.datatype)
            ? new GeoList(
                'value',
                (a.values ?? []).map((v) => ({ key: v.key, name: nameIn(v.name, locale) })),
              )
            : undefined,
        })),
      ),
    },
  };
}

const coordinate = (v: number | string | null): number | null => {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** closed → closed; every other state of a grid event (reported, accepted, handled, reviewed, disputed) → open. */
export const statusOf = (state: string): 'open' | 'closed' => (state === 'closed' ? 'closed' : 'open');

export function requestRecord(e: EventView, c: ServedCategory, locale: Locale): GeoRecord {
  const status = statusOf(e.state);
  return {
    service_request_id: e.id,
    status,
    status_notes: e.lastNote,
    service_name: nameIn(c.name, locale),
    service_code: c.code,
    description: e.description === '' ? null : e.description,
    agency_responsible: agencyOf(c).in(locale),
    service_notice: serviceNotice(c, e.dueAt, locale),
    requested_datetime: w3cDatetime(e.reportedAt),
    // For a closed request the specification wants the time it was closed.
    updated_datetime: w3cDatetime(status === 'closed' ? (e.closedAt ?? e.updatedAt) : e.updatedAt),
    expected_datetime: w3cDatetime(e.dueAt),
    address: e.addressText,
    lat: coordinate(e.lat),
    long: coordinate(e.lng),
    media_url: e.mediaUrl,
  };
}

export function requestsDocument(records: readonly GeoRecord[]): GeoDocument {
  return { root: 'service_requests', value: new GeoList('request', records) };
}

export function createdDocument(token: string, notice: string): GeoDocument {
  // account_id: we keep no account of the partner's reporter, so it is empty, as the specification allows.
  return requestsDocument([{ token, service_notice: notice, account_id: null }]);
}

export function tokenDocument(token: string, serviceRequestId: string): GeoDocument {
  return requestsDocument([{ service_request_id: serviceRequestId, token }]);
}
