// GeoReport v2 documents, written once as a neutral tree and put out as JSON or XML by the same
// programmatic mapping the specification names (the "Spark convention"): a list is a wrapper element
// of repeated singular elements in XML and an array in JSON; a record is nested elements or an
// object; null is an empty element or null. So the two formats cannot drift apart. No XML is ever
// parsed here: requests come form-encoded.

/** A list: in XML a run of `<item>` elements inside its parent (or the root), in JSON an array. */
export class GeoList {
  constructor(
    readonly item: string,
    readonly items: readonly GeoValue[],
  ) {}
}
export type GeoScalar = string | number | boolean | null;
export type GeoRecord = { readonly [name: string]: GeoValue | undefined };
export type GeoValue = GeoScalar | GeoList | GeoRecord;

export interface GeoDocument {
  /** The XML root element (`services`, `service_requests`, `errors`, …); JSON has no root. */
  root: string;
  value: GeoList | GeoRecord;
}

export type Format = 'json' | 'xml';
export const formats: readonly Format[] = ['json', 'xml'];
export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except lone surrogates and
// U+FFFE/U+FFFF. Text from other sources (a resident's description) may hold other control characters:
// they become U+FFFD, so the document always parses.
const notXmlChar =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '\uFFFD').replace(/[&<>"']/g, (c) => escapes[c]!);
}

const isList = (v: GeoValue | undefined): v is GeoList => v instanceof GeoList;
const isRecord = (v: GeoValue | undefined): v is GeoRecord => typeof v === 'object' && v !== null && !isList(v);

function scalarText(v: GeoScalar): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('GeoReport numbers are finite');
    return String(v);
  }
  return String(v);
}

function xmlElement(name: string, value: GeoValue, out: string[]): void {
  if (value === null) {
    out.push(`<${name}/>`);
  } else if (isList(value)) {
    out.push(`<${name}>`);
    for (const item of value.items) xmlElement(value.item, item, out);
    out.push(`</${name}>`);
  } else if (isRecord(value)) {
    out.push(`<${name}>`);
    for (const [child, inner] of Object.entries(value)) if (inner !== undefined) xmlElement(child, inner, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXml(scalarText(value))}</${name}>`);
  }
}

export function toXml(doc: GeoDocument): string {
  // The specification asks for the declaration with encoding="UTF-8".
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  xmlElement(doc.root, doc.value, out);
  return out.join('') + '\n';
}

function jsonValue(value: GeoValue | undefined): unknown {
  if (isList(value)) return value.items.map(jsonValue);
  if (isRecord(value)) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) o[k] = jsonValue(v);
    return o;
  }
  return value;
}

export function toJson(doc: GeoDocument): string {
  return JSON.stringify(jsonValue(doc.value));
}

export function render(doc: GeoDocument, format: Format): string {
  return format === 'xml' ? toXml(doc) : toJson(doc);
}

/** W3C datetime (the profile of ISO 8601 the specification requires) in China Standard Time, with its offset. */
export function w3cDatetime(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

// start_date/end_date as the specification's examples write them: a date and time with seconds
// (fractions allowed) and Z or ±hh:mm. Anything else, and impossible dates (2026-02-30), are refused.
const w3cPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

export function parseW3cDatetime(text: string): Date | null {
  const m = w3cPattern.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return null;
  if (m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return null;
  const d = new Date(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The error list every failure answers with (the `code` is the HTTP status, as the specification suggests). */
export function errorDocument(errors: readonly { code: number; description: string }[]): GeoDocument {
  return {
    root: 'errors',
    value: new GeoList(
      'error',
      errors.map((e) => ({ code: e.code, description: e.description })),
    ),
  };
}
