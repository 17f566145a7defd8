// For the tests: checks a GeoReport v2 document, XML or JSON, against the element names and types of the
// specification (http://wiki.open311.org/GeoReport_v2): the root and list element names, every required
// element present, no element the specification does not name, W3C datetimes with their offset, numbers
// where numbers belong, booleans, status open|closed. XML is read by a minimal reader of its own (elements
// and text only: GeoReport documents have no attributes, namespaces or mixed content).

type Leaf = 'string' | 'number' | 'boolean' | 'datetime' | 'status' | 'datatype' | 'type' | 'endpoint_type' | 'integer';
interface Field {
  kind: Leaf | Shape | ListOf;
  required?: boolean;
}
interface Shape {
  fields: Record<string, Field>;
}
interface ListOf {
  item: string;
  of: Leaf | Shape;
}
const isList = (k: Field['kind']): k is ListOf => typeof k === 'object' && 'item' in k;

const req = (kind: Field['kind']): Field => ({ kind, required: true });
const opt = (kind: Field['kind']): Field => ({ kind });

const request: Shape = {
  fields: {
    service_request_id: req('string'),
    status: req('status'),
    status_notes: opt('string'),
    service_name: req('string'),
    service_code: req('string'),
    description: opt('string'),
    agency_responsible: opt('string'),
    service_notice: opt('string'),
    requested_datetime: req('datetime'),
    updated_datetime: opt('datetime'),
    expected_datetime: opt('datetime'),
    address: opt('string'),
    address_id: opt('string'),
    zipcode: opt('string'),
    lat: opt('number'),
    long: opt('number'),
    media_url: opt('string'),
  },
};

export const documents = {
  discovery: {
    root: 'discovery',
    shape: {
      fields: {
        changeset: req('string'),
        contact: req('string'),
        key_service: req('string'),
        endpoints: req({
          item: 'endpoint',
          of: {
            fields: {
              specification: req('string'),
              url: req('string'),
              changeset: req('string'),
              type: req('endpoint_type'),
              formats: req({ item: 'format', of: 'string' }),
            },
          },
        }),
      },
    } as Shape,
  },
  services: {
    root: 'services',
    list: {
      item: 'service',
      of: {
        fields: {
          service_code: req('string'),
          service_name: req('string'),
          description: opt('string'),
          metadata: req('boolean'),
          type: req('type'),
          keywords: opt('string'),
          group: opt('string'),
        },
      },
    } as ListOf,
  },
  service_definition: {
    root: 'service_definition',
    shape: {
      fields: {
        service_code: req('string'),
        attributes: req({
          item: 'attribute',
          of: {
            fields: {
              variable: req('boolean'),
              code: req('string'),
              datatype: req('datatype'),
              required: req('boolean'),
              datatype_description: opt('string'),
              order: req('integer'),
              description: req('string'),
              values: opt({ item: 'value', of: { fields: { key: req('string'), name: req('string') } } }),
            },
          },
        }),
      },
    } as Shape,
  },
  requests: { root: 'service_requests', list: { item: 'request', of: request } as ListOf },
  created: {
    root: 'service_requests',
    list: {
      item: 'request',
      of: { fields: { service_request_id: opt('string'), token: opt('string'), service_notice: opt('string'), account_id: opt('string') } },
    } as ListOf,
  },
  token: {
    root: 'service_requests',
    list: { item: 'request', of: { fields: { service_request_id: req('string'), token: req('string') } } } as ListOf,
  },
  errors: { root: 'errors', list: { item: 'error', of: { fields: { code: req('integer'), description: req('string') } } } as ListOf },
} satisfies Record<string, { root: string; shape?: Shape; list?: ListOf }>;
export type DocumentKind = keyof typeof documents;

// ---- a minimal XML reader: the declaration, elements, text and the five entities plus character references ----
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export function readXml(xml: string): XmlElement {
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="(utf|UTF)-8"\?>\s*/.exec(xml);
  if (!decl) throw new Error('no XML declaration with encoding="UTF-8"');
  i = decl[0].length;
  const entity = (s: string) =>
    s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
    );
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(xml.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${xml.slice(i, i + 30)}`);
    i += open[0].length;
    const el: XmlElement = { name: open[1]!, children: [], text: '' };
    if (open[2]) return el;
    let text = '';
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${el.name}>`);
      const chunk = xml.slice(i, lt);
      if (/[&](?!(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);)/.test(chunk) || chunk.includes('>'))
        throw new Error(`bad text in <${el.name}>`);
      text += chunk;
      i = lt;
      if (xml.startsWith(`</${el.name}>`, i)) {
        i += el.name.length + 3;
        break;
      }
      el.children.push(element());
    }
    if (el.children.length > 0 && text.trim() !== '') throw new Error(`mixed content in <${el.name}>`);
    el.text = entity(text);
    return el;
  };
  const root = element();
  if (xml.slice(i).trim() !== '') throw new Error('content after the root element');
  return root;
}

// ---- the checks ----
const w3c = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const leafOk: Record<Leaf, (v: string) => boolean> = {
  string: () => true,
  number: (v) => /^-?\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v)),
  integer: (v) => /^-?\d+$/.test(v),
  boolean: (v) => v === 'true' || v === 'false',
  datetime: (v) => w3c.test(v) && !Number.isNaN(new Date(v).getTime()),
  status: (v) => v === 'open' || v === 'closed',
  datatype: (v) => ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].includes(v),
  type: (v) => ['realtime', 'batch', 'blackbox'].includes(v),
  endpoint_type: (v) => v === 'production' || v === 'test',
};

function checkXml(el: XmlElement, kind: Field['kind'], path: string, out: string[], required = true): void {
  if (isList(kind)) {
    for (const child of el.children)
      if (child.name !== kind.item) out.push(`${path}: <${child.name}> where <${kind.item}> belongs`);
      else checkXml(child, kind.of, `${path}/${kind.item}`, out);
    return;
  }
  if (typeof kind === 'object') {
    const seen = new Set<string>();
    for (const child of el.children) {
      const f = kind.fields[child.name];
      if (!f) out.push(`${path}: unknown element <${child.name}>`);
      else if (seen.has(child.name)) out.push(`${path}: <${child.name}> twice`);
      else checkXml(child, f.kind, `${path}/${child.name}`, out, !!f.required);
      seen.add(child.name);
    }
    for (const [name, f] of Object.entries(kind.fields)) if (f.required && !seen.has(name)) out.push(`${path}: <${name}> missing`);
    return;
  }
  if (el.children.length > 0) out.push(`${path}: elements inside a value`);
  else if (el.text !== '' && !leafOk[kind](el.text)) out.push(`${path}: "${el.text}" is not a ${kind}`);
  else if (el.text === '' && required) out.push(`${path}: empty where a value is required`);
}

function checkJson(v: unknown, kind: Field['kind'], path: string, out: string[], required = true): void {
  if (v === null) {
    if (required) out.push(`${path}: null where a value is required`);
    return;
  }
  if (isList(kind)) {
    if (!Array.isArray(v)) return void out.push(`${path}: not an array`);
    v.forEach((item, n) => checkJson(item, kind.of, `${path}[${n}]`, out));
    return;
  }
  if (typeof kind === 'object') {
    if (typeof v !== 'object' || Array.isArray(v)) return void out.push(`${path}: not an object`);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!kind.fields[k]) out.push(`${path}: unknown member "${k}"`);
    for (const [name, f] of Object.entries(kind.fields)) {
      if (!(name in o)) {
        if (f.required) out.push(`${path}: "${name}" missing`);
      } else checkJson(o[name], f.kind, `${path}.${name}`, out, !!f.required);
    }
    return;
  }
  const wanted = kind === 'number' || kind === 'integer' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
  if (typeof v !== wanted) return void out.push(`${path}: ${JSON.stringify(v)} is not a ${kind}`);
  if (kind === 'integer' && !Number.isInteger(v)) out.push(`${path}: ${String(v)} is not an integer`);
  if (typeof v === 'string' && !leafOk[kind](v)) out.push(`${path}: "${v}" is not a ${kind}`);
  if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${path}: not finite`);
}

/** Every way the document departs from GeoReport v2 (empty: it conforms). */
export function checkDocument(kind: DocumentKind, format: 'json' | 'xml', body: string): string[] {
  const spec = documents[kind] as { root: string; shape?: Shape; list?: ListOf };
  const shape = (spec.list ?? spec.shape)!;
  const out: string[] = [];
  if (format === 'xml') {
    let root: XmlElement;
    try {
      root = readXml(body);
    } catch (err) {
      return [`not well-formed: ${(err as Error).message}`];
    }
    if (root.name !== spec.root) out.push(`root <${root.name}>, not <${spec.root}>`);
    checkXml(root, shape, spec.root, out);
  } else {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return ['not JSON'];
    }
    checkJson(value, shape, '$', out);
  }
  return out;
}
