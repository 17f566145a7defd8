// Open311's words by code (zh-CN first, English): the descriptions of GeoReport error lists, service
// notices and the partner keys' refusals.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const open311Messages = defineMessages({
  'open311.api_key_missing': { 'zh-CN': '缺少 api_key，无法受理。', en: 'api_key was not provided; the request cannot be accepted.' },
  'open311.api_key_invalid': {
    'zh-CN': 'api_key 无效或已吊销，无法受理。',
    en: 'Invalid or revoked api_key; the request cannot be accepted.',
  },
  'open311.api_key_scope': {
    'zh-CN': '该 api_key 无权提交服务类型 {code}。',
    en: 'This api_key may not submit requests of service_code {code}.',
  },
  'open311.jurisdiction_unknown': {
    'zh-CN': '未找到 jurisdiction_id {id}：本接口服务的辖区为 {ours}。',
    en: 'jurisdiction_id {id} was not found: this endpoint serves {ours}.',
  },
  'open311.jurisdiction_scope': {
    'zh-CN': '该 api_key 不能用于辖区 {id}。',
    en: 'This api_key is not valid for jurisdiction {id}.',
  },
  'open311.service_code_missing': { 'zh-CN': '缺少 service_code。', en: 'service_code was not provided.' },
  'open311.service_code_unknown': { 'zh-CN': '未找到 service_code {code}。', en: 'service_code {code} was not found.' },
  'open311.location_missing': {
    'zh-CN': '缺少位置：须提供 lat 与 long，或 address_string，或 address_id。',
    en: 'No location: lat and long, or address_string, or address_id must be provided.',
  },
  'open311.address_unplaceable': {
    'zh-CN': '仅凭 address_string 无法定位到小区：请同时提供 lat 与 long，或以 address_id 给出小区编号。',
    en: 'address_string alone cannot be placed in a compound: send lat and long too, or the compound id as address_id.',
  },
  'open311.lat_long_pair': { 'zh-CN': 'lat 与 long 须同时提供。', en: 'lat and long must be provided together.' },
  'open311.lat_invalid': { 'zh-CN': 'lat 须为 -90 到 90 之间的数。', en: 'lat must be a number from -90 to 90.' },
  'open311.long_invalid': { 'zh-CN': 'long 须为 -180 到 180 之间的数。', en: 'long must be a number from -180 to 180.' },
  'open311.address_id_invalid': {
    'zh-CN': 'address_id 须为本市房屋登记中的小区编号。',
    en: "address_id must be a compound id of the city's registry.",
  },
  'open311.too_long': { 'zh-CN': '{field} 过长（至多 {max} 个字符）。', en: '{field} is too long (at most {max} characters).' },
  'open311.repeated': { 'zh-CN': '{field} 只能提供一次。', en: '{field} may be given only once.' },
  'open311.line_breaks': { 'zh-CN': '{field} 不能包含换行。', en: '{field} may not contain line breaks.' },
  'open311.media_url_invalid': { 'zh-CN': 'media_url 须为 http(s) 网址。', en: 'media_url must be an http(s) URL.' },
  'open311.external_id_invalid': {
    'zh-CN': 'external_id 须为至多 100 个可见字符。',
    en: 'external_id must be at most 100 visible characters.',
  },
  'open311.attribute_required': { 'zh-CN': '缺少必填属性 attribute[{code}]。', en: 'The required attribute[{code}] was not provided.' },
  'open311.attribute_invalid': {
    'zh-CN': 'attribute[{code}] 的值不符合其类型（{datatype}）。',
    en: 'attribute[{code}] does not hold a valid {datatype}.',
  },
  'open311.attribute_not_listed': {
    'zh-CN': 'attribute[{code}] 的值 {value} 不在可选值中。',
    en: 'attribute[{code}] value {value} is not one of its values.',
  },
  'open311.attribute_single': { 'zh-CN': 'attribute[{code}] 只能取一个值。', en: 'attribute[{code}] takes a single value.' },
  'open311.form_required': {
    'zh-CN': '请求内容须为 application/x-www-form-urlencoded。',
    en: 'The request body must be application/x-www-form-urlencoded.',
  },
  'open311.date_invalid': {
    'zh-CN': '{field} 须为 W3C 日期时间（如 2026-01-01T00:00:00+08:00）。',
    en: '{field} must be a W3C datetime (e.g. 2026-01-01T00:00:00+08:00).',
  },
  'open311.date_range': {
    'zh-CN': 'start_date 须早于 end_date，且相隔不超过 90 天。',
    en: 'start_date must come before end_date, at most 90 days apart.',
  },
  'open311.status_invalid': { 'zh-CN': 'status 只能为 open 或 closed。', en: 'status must be open or closed.' },
  'open311.too_many_ids': { 'zh-CN': 'service_request_id 至多 {max} 个。', en: 'At most {max} service_request_id values.' },
  'open311.request_unknown': { 'zh-CN': '未找到服务请求 {id}。', en: 'Service request {id} was not found.' },
  'open311.token_unknown': { 'zh-CN': '未找到 token {token}。', en: 'Token {token} was not found.' },
  'open311.no_route': { 'zh-CN': '没有这个 GeoReport v2 资源：{path}', en: 'No such GeoReport v2 resource: {path}' },
  'open311.format_unknown': { 'zh-CN': '格式须为 .xml 或 .json。', en: 'The format must be .xml or .json.' },
  'open311.rate_limited': { 'zh-CN': '请求过于频繁，请 {seconds} 秒后再试。', en: 'Too many requests; try again in {seconds} s.' },
  'open311.refused': { 'zh-CN': '请求无法受理：{detail}', en: 'The request cannot be fulfilled: {detail}' },
  'open311.service_error': { 'zh-CN': '服务暂时出错，请稍后再试。', en: 'The service failed; please try again later.' },
  'open311.notice': {
    'zh-CN': '已受理，由{agency}负责处理。',
    en: 'Accepted; {agency} is responsible for it.',
  },
  'open311.notice_due': {
    'zh-CN': '已受理，由{agency}负责处理，预计 {due} 前答复。',
    en: 'Accepted; {agency} is responsible for it and should answer by {due}.',
  },
  'open311.contact': {
    'zh-CN': '城市网格化管理平台 Open311 接口；合作方接入请联系市旧改办。',
    en: "The city's grid governance platform's Open311 interface; partners, please contact the city renovation office.",
  },
  'open311.key_service': {
    'zh-CN': 'api_key 由市级管理员在平台中为合作方签发（POST /api/v1/open311/keys）。',
    en: 'api_keys are issued to partners by a city administrator in the platform (POST /api/v1/open311/keys).',
  },
  'agency.property': { 'zh-CN': '物业服务企业', en: 'the property company' },
  'agency.community': { 'zh-CN': '社区居民委员会', en: 'the community committee' },
  'agency.subdistrict': { 'zh-CN': '街道办事处', en: 'the subdistrict office' },
  'agency.city': { 'zh-CN': '市级职能部门', en: 'a city department' },
  'department.city_management': { 'zh-CN': '市城市管理局', en: 'the city management bureau' },
  'department.river_management': { 'zh-CN': '市林业水利局（河道管理）', en: 'the forestry and water bureau (river management)' },
  'key.entity': { 'zh-CN': 'Open311 接入密钥 {id}', en: 'Open311 key {id}' },
  'key.partner_invalid': {
    'zh-CN': '合作方代码须为 2 到 40 个小写字母、数字、- 或 _。',
    en: 'The partner code must be 2 to 40 lower-case letters, digits, - or _.',
  },
  'key.service_codes_unknown': { 'zh-CN': '未知的服务类型：{codes}', en: 'Unknown service codes: {codes}' },
  'field.unknown_service_code': { 'zh-CN': '未知的服务类型', en: 'unknown service code' },
  'key.jurisdiction_not_city': {
    'zh-CN': '签发者须为本辖区（{ours}）的市级管理员。',
    en: 'Keys are issued by an administrator of this jurisdiction ({ours}).',
  },
});

export type Open311Code = keyof typeof open311Messages.entries;
