// The GeoReport documents and the form reading, without a database: escaping, the two formats from one
// tree, W3C datetimes, and the checks of a posted request and its attributes.
import { describe, expect, it } from 'vitest';
import { checkAttributes, parseForm, readPost, type ServedCategory } from './form.ts';
import { checkDocument, readXml } from './georeport-check.ts';
import { GeoList, escapeXml, parseW3cDatetime, render, w3cDatetime, type GeoDocument } from './georeport.ts';
import { definitionDocument, requestRecord, requestsDocument, statusOf } from './records.ts';

const lamp: ServedCategory = {
  code: 'street_lamp',
  name: { zh: '路灯损坏', en: 'Broken street lamp' },
  group: 'facilities',
  responsible: 'property',
  attributes: [
    {
      code: 'lamp_state',
      datatype: 'singlevaluelist',
      required: true,
      description: { zh: '路灯状态', en: 'State of the lamp' },
      values: [
        { key: 'off', name: { zh: '不亮', en: 'Off' } },
        { key: 'flicker', name: { zh: '闪烁', en: 'Flickering' } },
      ],
    },
    { code: 'pole_no', datatype: 'string', required: false, description: { zh: '灯杆编号', en: 'Pole number' } },
    { code: 'count', datatype: 'number', required: false, description: { zh: '数量', en: 'How many' } },
    { code: 'since', datatype: 'datetime', required: false, description: { zh: '开始时间', en: 'Since' } },
    {
      code: 'hazards',
      datatype: 'multivaluelist',
      required: false,
      description: { zh: '隐患', en: 'Hazards' },
      values: [
        { key: 'dark', name: { zh: '昏暗', en: 'Dark' } },
        { key: 'wire', name: { zh: '电线外露', en: 'Exposed wire' } },
      ],
    },
  ],
};

describe('the XML writer', () => {
  it('escapes markup and replaces characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('bell\u0007 ok\ttab\nline \uD800 lone')).toBe('bell\uFFFD ok\ttab\nline \uFFFD lone');
    expect(escapeXml('路灯 😀')).toBe('路灯 😀');
  });

  it('writes one tree as XML and as JSON the same way (lists, records, nulls)', () => {
    const doc: GeoDocument = {
      root: 'service_requests',
      value: new GeoList('request', [{ token: 'abc', service_notice: 'a < b & "c"', account_id: null }]),
    };
    const xml = render(doc, 'xml');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request><token>abc</token><service_notice>a &lt; b &amp; &quot;c&quot;</service_notice><account_id/></request></service_requests>\n',
    );
    expect(readXml(xml).children[0]!.children[1]!.text).toBe('a < b & "c"');
    expect(JSON.parse(render(doc, 'json'))).toEqual([{ token: 'abc', service_notice: 'a < b & "c"', account_id: null }]);
    expect(checkDocument('created', 'xml', xml)).toEqual([]);
    expect(checkDocument('created', 'json', render(doc, 'json'))).toEqual([]);
  });

  it('a service definition conforms in both formats; values only for list datatypes', () => {
    const doc = definitionDocument(lamp, 'zh-CN');
    for (const f of ['xml', 'json'] as const) expect(checkDocument('service_definition', f, render(doc, f))).toEqual([]);
    const json = JSON.parse(render(doc, 'json')) as { attributes: { code: string; order: number; values?: unknown[] }[] };
    expect(json.attributes.map((a) => [a.code, a.order, a.values?.length])).toEqual([
      ['lamp_state', 1, 2],
      ['pole_no', 2, undefined],
      ['count', 3, undefined],
      ['since', 4, undefined],
      ['hazards', 5, 2],
    ]);
  });

  it('the checker catches what departs from the specification', () => {
    expect(checkDocument('errors', 'json', '[{"code":"400","description":"x"}]')).toEqual(['$[0].code: "400" is not a integer']);
    expect(
      checkDocument('errors', 'xml', '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code></error></errors>'),
    ).toEqual(['errors/error: <description> missing']);
    expect(
      checkDocument(
        'requests',
        'xml',
        '<?xml version="1.0" encoding="utf-8"?><service_requests><request><x/></request></service_requests>',
      )[0],
    ).toBe('service_requests/request: unknown element <x>');
    expect(checkDocument('requests', 'xml', '<services/>')[0]).toMatch(/not well-formed/);
  });
});

describe('datetimes', () => {
  it('are written in W3C form with the +08:00 offset', () => {
    expect(w3cDatetime(new Date('2026-01-31T20:15:00.123Z'))).toBe('2026-02-01T04:15:00+08:00');
    expect(w3cDatetime(null)).toBeNull();
  });

  it('are read only in W3C form, and impossible ones are refused', () => {
    expect(parseW3cDatetime('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDatetime('2026-03-01T08:00:00+08:00')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01',
      'yesterday',
      '2026-01-01T00:00:00',
      '2026-01-01T00:00:00+25:00',
    ])
      expect(parseW3cDatetime(bad), bad).toBeNull();
    expect(parseW3cDatetime('2024-02-29T00:00:00Z')).not.toBeNull();
  });
});

describe('a posted request', () => {
  const read = (body: string) => readPost(parseForm(body));
  const codes = (r: { errors: { message: { code: string } }[] }) => r.errors.map((e) => e.message.code);

  it('reads the specification example, attributes single and repeated, and keeps no personal field', () => {
    const r = read(
      'api_key=xyz&jurisdiction_id=330100&service_code=street_lamp&lat=30.27&long=120.15&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F1.jpg&attribute[lamp_state]=off&attribute[hazards][]=dark&attribute[hazards][]=wire',
    );
    expect(r.errors).toEqual([]);
    expect(r.post).toEqual({
      apiKey: 'xyz',
      jurisdictionId: '330100',
      serviceCode: 'street_lamp',
      lat: 30.27,
      lng: 120.15,
      addressText: '1234 5th street',
      description: 'A large sinkhole',
      mediaUrl: 'http://farm3.static.flickr.com/2002/1.jpg',
      attributes: { lamp_state: 'off', hazards: ['dark', 'wire'] },
    });
    expect(JSON.stringify(r.post)).not.toMatch(/smit333|tt222111|123456|john|smith|111111111/);
  });

  it('wants a location, both coordinates, numbers in range, a short description and an http URL', () => {
    expect(codes(read('service_code=x'))).toEqual(['open311.location_missing']);
    expect(codes(read('service_code=x&lat=30'))).toEqual(['open311.lat_long_pair']);
    expect(codes(read('lat=91&long=abc'))).toEqual(['open311.lat_invalid', 'open311.long_invalid']);
    expect(codes(read(`lat=30&long=120&description=${'长'.repeat(4001)}`))).toEqual(['open311.too_long']);
    expect(codes(read(`lat=30&long=120&description=${'长'.repeat(4000)}`))).toEqual([]);
    expect(codes(read('lat=30&long=120&media_url=javascript:alert(1)'))).toEqual(['open311.media_url_invalid']);
    expect(codes(read('address_id=12'))).toEqual(['open311.address_id_invalid']);
    // Words alone cannot be placed in a compound (no geocoder); with coordinates or a compound id they are kept.
    expect(codes(read('address_string=x'))).toEqual(['open311.address_unplaceable']);
    expect(read('address_id=0190A000-0000-7000-8000-000000000001&address_string=x').post).toMatchObject({
      compoundId: '0190a000-0000-7000-8000-000000000001',
      addressText: 'x',
    });
    expect(codes(read('lat=30&long=120&service_code=a&service_code=b'))).toEqual(['open311.repeated']);
  });

  it('checks attributes against the definition and drops codes it does not name', () => {
    const ok = checkAttributes(lamp, {
      lamp_state: 'off',
      count: '3',
      since: '2026-01-02',
      hazards: ['dark', 'dark'],
      fixmystreet_id: '9',
    });
    expect(ok.errors).toEqual([]);
    expect(ok.attributes).toEqual({ lamp_state: 'off', count: '3', since: '2026-01-01T16:00:00.000Z', hazards: ['dark'] });
    const bad = checkAttributes(lamp, { count: 'many', since: '2026-02-30', hazards: ['fog'], pole_no: 'a\nb' });
    expect(bad.errors.map((e) => e.message.in('en'))).toEqual([
      'The required attribute[lamp_state] was not provided.',
      'attribute[pole_no] does not hold a valid string.',
      'attribute[count] does not hold a valid number.',
      'attribute[since] does not hold a valid datetime.',
      'attribute[hazards] value fog is not one of its values.',
    ]);
    expect(checkAttributes(lamp, { lamp_state: ['off', 'flicker'] }).errors[0]!.message.code).toBe('open311.attribute_single');
  });
});

describe('a grid event as a service request', () => {
  const event = {
    id: '0190a000-0000-7000-8000-000000000001',
    category: 'street_lamp',
    description: '3 号楼前路灯不亮',
    state: 'handled',
    addressText: '和睦新村 3 幢',
    lat: '30.3012345',
    lng: 120.1423,
    reportedAt: '2026-03-01T00:00:00.000Z',
    updatedAt: new Date('2026-03-01T02:00:00.000Z'),
    dueAt: '2026-03-02T00:00:00.000Z',
    closedAt: null,
    mediaUrl: null,
    lastNote: '已更换灯泡',
  };

  it('maps states to open|closed and carries the last note, the agency and the times', () => {
    expect(['reported', 'accepted', 'handled', 'reviewed', 'disputed', 'closed'].map(statusOf)).toEqual([
      'open',
      'open',
      'open',
      'open',
      'open',
      'closed',
    ]);
    const r = requestRecord(event, lamp, 'zh-CN');
    expect(r).toMatchObject({
      status: 'open',
      status_notes: '已更换灯泡',
      agency_responsible: '物业服务企业',
      requested_datetime: '2026-03-01T08:00:00+08:00',
      updated_datetime: '2026-03-01T10:00:00+08:00',
      expected_datetime: '2026-03-02T08:00:00+08:00',
      lat: 30.3012345,
      long: 120.1423,
    });
    const closed = requestRecord({ ...event, state: 'closed', closedAt: '2026-03-01T05:00:00.000Z' }, lamp, 'en');
    expect(closed).toMatchObject({
      status: 'closed',
      updated_datetime: '2026-03-01T13:00:00+08:00',
      agency_responsible: 'the property company',
    });
    for (const f of ['xml', 'json'] as const) expect(checkDocument('requests', f, render(requestsDocument([r, closed]), f))).toEqual([]);
  });
});
