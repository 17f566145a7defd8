// The POST of a service request, form-encoded as GeoReport v2 sends it, read into plain fields and checked
// against the category's attribute definitions. Pure: no database. Personal fields (email, device_id,
// account_id, first_name, last_name, phone) are accepted by the specification but never kept: they are
// dropped here, before anything could store or log them.
import type { Message } from '../../platform/i18n/messages.ts';
import { open311Messages as om } from './messages.ts';
import { parseW3cDatetime } from './georeport.ts';
import { uuidPattern } from '../../platform/ids.ts';

/** The category fields the Open311 side reads (the grid's GridCategory has at least these). */
export interface ServedCategory {
  code: string;
  name: { zh: string; en: string };
  group: string;
  responsible: 'property' | 'community' | 'subdistrict' | 'city';
  cityDepartment?: string;
  attributes: {
    code: string;
    datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
    required: boolean;
    description: { zh: string; en: string };
    values?: { key: string; name: { zh: string; en: string } }[];
  }[];
}

/** One error of a GeoReport error list: the HTTP status it stands for and its words. */
export interface GeoError {
  status: 400 | 403 | 404;
  message: Message;
}

/** The body as name → values, in order: a form may repeat a name (attribute[code][]). */
export type Form = Map<string, string[]>;

export function parseForm(body: string): Form {
  const form: Form = new Map();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = form.get(name);
    if (values) values.push(value);
    else form.set(name, [value]);
  }
  return form;
}

export const LIMITS = { description: 4000, addressString: 500, addressId: 64, mediaUrl: 2000, attributeValue: 1000, attributeValues: 50 };

export interface PostedRequest {
  apiKey: string | null;
  jurisdictionId: string | null;
  serviceCode: string | null;
  lat?: number;
  lng?: number;
  addressText?: string;
  compoundId?: string;
  description: string;
  mediaUrl?: string;
  externalId?: string;
  attributes: Record<string, string | string[]>;
}

const coordinate = /^[+-]?(\d{1,3})(\.\d{1,15})?$/;
const attributeName = /^attribute\[([A-Za-z0-9_.-]{1,64})\](\[\])?$/;

/** The scalar fields and attributes of a POST; what is malformed is listed, in the order of the form. */
export function readPost(form: Form): { post: PostedRequest; errors: GeoError[] } {
  const errors: GeoError[] = [];
  const one = (field: string): string | null => {
    const values = form.get(field);
    if (!values) return null;
    if (values.length > 1) errors.push({ status: 400, message: om.msg('open311.repeated', { field }) });
    const v = values[0]!.trim();
    // GeoReport: an empty optional argument is the same as none.
    return v === '' ? null : v;
  };
  const tooLong = (field: string, v: string | null, max: number): boolean => {
    if (v === null || [...v].length <= max) return false;
    errors.push({ status: 400, message: om.msg('open311.too_long', { field, max }) });
    return true;
  };

  const post: PostedRequest = {
    apiKey: one('api_key'),
    jurisdictionId: one('jurisdiction_id'),
    serviceCode: one('service_code'),
    description: '',
    attributes: {},
  };
  if (post.apiKey !== null && post.apiKey.length > 200) post.apiKey = post.apiKey.slice(0, 200);

  const description = one('description');
  if (!tooLong('description', description, LIMITS.description) && description !== null) post.description = description;

  const lat = one('lat');
  const lng = one('long');
  if ((lat === null) !== (lng === null)) errors.push({ status: 400, message: om.msg('open311.lat_long_pair') });
  else if (lat !== null && lng !== null) {
    const [a, b] = [Number(lat), Number(lng)];
    const latOk = coordinate.test(lat) && Math.abs(a) <= 90;
    const lngOk = coordinate.test(lng) && Math.abs(b) <= 180;
    if (!latOk) errors.push({ status: 400, message: om.msg('open311.lat_invalid') });
    if (!lngOk) errors.push({ status: 400, message: om.msg('open311.long_invalid') });
    if (latOk && lngOk) Object.assign(post, { lat: a, lng: b });
  }
  const address = one('address_string');
  if (!tooLong('address_string', address, LIMITS.addressString) && address !== null) {
    if (/[\r\n]/.test(address)) errors.push({ status: 400, message: om.msg('open311.line_breaks', { field: 'address_string' }) });
    else post.addressText = address;
  }
  const addressId = one('address_id');
  if (addressId !== null) {
    if (uuidPattern.test(addressId)) post.compoundId = addressId.toLowerCase();
    else errors.push({ status: 400, message: om.msg('open311.address_id_invalid') });
  }
  const located = lat !== null || lng !== null || address !== null || addressId !== null;
  if (!located) errors.push({ status: 400, message: om.msg('open311.location_missing') });
  // A grid event belongs to a compound: without a geocoder (no map service) an address in words cannot be placed.
  else if (lat === null && lng === null && addressId === null) errors.push({ status: 400, message: om.msg('open311.address_unplaceable') });

  const media = one('media_url');
  if (!tooLong('media_url', media, LIMITS.mediaUrl) && media !== null) {
    if (isHttpUrl(media)) post.mediaUrl = media;
    else errors.push({ status: 400, message: om.msg('open311.media_url_invalid') });
  }
  const external = one('external_id');
  if (external !== null) {
    if (/^[\x21-\x7e]{1,100}$/.test(external)) post.externalId = external;
    else errors.push({ status: 400, message: om.msg('open311.external_id_invalid') });
  }

  for (const [name, values] of form) {
    const m = attributeName.exec(name);
    if (!m) continue;
    const code = m[1]!;
    const list = values.map((v) => v.trim()).filter((v) => v !== '');
    if (list.length > LIMITS.attributeValues || list.some((v) => v.length > LIMITS.attributeValue)) {
      errors.push({ status: 400, message: om.msg('open311.too_long', { field: `attribute[${code}]`, max: LIMITS.attributeValue }) });
      continue;
    }
    if (list.length === 0) continue;
    const prior = post.attributes[code];
    const merged = [...(prior === undefined ? [] : Array.isArray(prior) ? prior : [prior]), ...list];
    post.attributes[code] = m[2] || merged.length > 1 ? merged : merged[0]!;
  }
  return { post, errors };
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The posted attributes checked against the category's definitions: required ones present, values of their
 * datatype, list values among the keys. Codes the definition does not name are dropped (partners such as
 * FixMyStreet send their own extra attributes), so only defined attributes reach the grid event.
 */
export function checkAttributes(
  category: ServedCategory,
  posted: Record<string, string | string[]>,
): { attributes: Record<string, string | string[]>; errors: GeoError[] } {
  const errors: GeoError[] = [];
  const attributes: Record<string, string | string[]> = {};
  for (const def of category.attributes) {
    const raw = posted[def.code];
    if (raw === undefined) {
      if (def.required) errors.push({ status: 400, message: om.msg('open311.attribute_required', { code: def.code }) });
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    const invalid = () =>
      errors.push({ status: 400, message: om.msg('open311.attribute_invalid', { code: def.code, datatype: def.datatype }) });
    if (def.datatype === 'multivaluelist') {
      const keys = new Set((def.values ?? []).map((v) => v.key));
      const off = values.find((v) => !keys.has(v));
      if (off !== undefined) errors.push({ status: 400, message: om.msg('open311.attribute_not_listed', { code: def.code, value: off }) });
      else attributes[def.code] = [...new Set(values)];
      continue;
    }
    if (values.length > 1) {
      errors.push({ status: 400, message: om.msg('open311.attribute_single', { code: def.code }) });
      continue;
    }
    const value = values[0]!;
    if (def.datatype === 'singlevaluelist') {
      if (!(def.values ?? []).some((v) => v.key === value))
        errors.push({ status: 400, message: om.msg('open311.attribute_not_listed', { code: def.code, value }) });
      else attributes[def.code] = value;
    } else if (def.datatype === 'number') {
      if (/^[+-]?\d{1,15}(\.\d{1,15})?$/.test(value)) attributes[def.code] = value;
      else invalid();
    } else if (def.datatype === 'datetime') {
      const d = parseW3cDatetime(value) ?? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? parseW3cDatetime(`${value}T00:00:00+08:00`) : null);
      if (d) attributes[def.code] = d.toISOString();
      else invalid();
    } else if (def.datatype === 'string') {
      if (/[\r\n]/.test(value)) invalid();
      else attributes[def.code] = value;
    } else {
      attributes[def.code] = value;
    }
  }
  return { attributes, errors };
}

/** The HTTP status of a list of errors: a missing resource outranks a malformed request. */
export function statusOf(errors: readonly GeoError[]): 400 | 403 | 404 {
  if (errors.some((e) => e.status === 403)) return 403;
  if (errors.some((e) => e.status === 404)) return 404;
  return 400;
}
