// Registry's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const registryMessages = defineMessages({
  'division.entity': { 'zh-CN': '行政区划 {code}', en: 'Division {code}' },
  'compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'household.entity': { 'zh-CN': '住户 {id}', en: 'Household {id}' },
  'resident.entity': { 'zh-CN': '居民 {id}', en: 'Resident {id}' },
  'resident.entity_of_household': { 'zh-CN': '住户 {household} 的居民 {id}', en: 'Resident {id} of household {household}' },
  'binding.second_verifier': {
    'zh-CN': '此绑定由您添加，须由另一人核验房产证后确认（规则 {rule}，版本 {version}）。',
    en: 'You added this binding, so another person must check the title deed and verify it (rule {rule}, version {version}).',
  },
  'household.repeats': { 'zh-CN': '部分住户相互重复。', en: 'Some households repeat each other.' },
  'household.exist': {
    'zh-CN': '其中 {count} 户已存在（楼栋、单元、房号相同）；未写入任何数据。',
    en: '{count} of these households already exist (same building, unit and room); nothing was written.',
  },
  'import.rows_invalid': {
    'zh-CN': '文件中有 {count} 行无效；未写入任何数据。',
    en: '{count} row(s) of the file are not valid; nothing was written.',
  },
  'import.multipart_required': {
    'zh-CN': '请以 multipart/form-data 在字段“file”中提交文件。',
    en: 'Send the file as multipart/form-data in the field "file".',
  },
  'import.file_field': { 'zh-CN': '请在字段“file”中提交文件。', en: 'Send the file in the field "file".' },
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'compound.community_unknown': {
    'zh-CN': '社区不存在或不在您的管辖范围内。',
    en: 'The community is unknown or outside your scope.',
  },
  'field.community_unknown': { 'zh-CN': '社区不存在，或不在管辖范围内', en: 'unknown community, or outside your scope' },
  'compound.name_taken': {
    'zh-CN': '社区 {community} 已有名为“{name}”的小区。',
    en: 'A compound named {name} already exists in community {community}.',
  },
  'field.name_taken': { 'zh-CN': '本社区已有同名小区', en: 'already exists in this community' },
  'compound.unknown_or_out_of_scope': {
    'zh-CN': '部分小区不存在或不在您的管辖范围内。',
    en: 'Some compounds are unknown or outside your scope.',
  },
  'resident.invalid': { 'zh-CN': '居民信息有误。', en: 'The resident is not valid.' },
  'row.empty': { 'zh-CN': '为空', en: 'is empty' },
  'row.too_long': { 'zh-CN': '超过 {max} 个字符', en: 'is longer than {max} characters' },
  'row.nul': {
    'zh-CN': '含有 NUL 字符（\\u0000），任何文本都不能包含它',
    en: 'contains a NUL character (\\u0000), which no text may hold',
  },
  'row.not_area': { 'zh-CN': '“{text}”不是最多两位小数的面积（平方米）', en: '"{text}" is not an area in m² with at most two decimals' },
  'row.not_positive': { 'zh-CN': '必须大于 0', en: 'must be greater than 0' },
  'row.not_integer': { 'zh-CN': '“{text}”不是整数', en: '"{text}" is not a whole number' },
  'row.out_of_range': { 'zh-CN': '必须在 {min} 到 {max} 之间', en: 'must be between {min} and {max}' },
  'row.not_community_code': { 'zh-CN': '“{text}”不是 12 位社区代码', en: '"{text}" is not a 12-digit community code' },
  'row.not_coordinate': { 'zh-CN': '“{text}”不是 ±{limit} 以内的坐标', en: '"{text}" is not a coordinate within ±{limit}' },
  'row.not_property_mode': {
    'zh-CN': '“{text}”不是以下之一：专业物业、自管、社区托管、无',
    en: '"{text}" is not one of 专业物业, 自管, 社区托管, 无',
  },
  'row.missing_column': { 'zh-CN': '缺少列 {headers}', en: 'missing column {headers}' },
  'row.no_data': { 'zh-CN': '文件没有数据行', en: 'the file has no data rows' },
  'row.required': { 'zh-CN': '必填', en: 'is required' },
  'row.repeats': { 'zh-CN': '与第 {line} 行重复', en: 'repeats line {line}' },
  'row.community_out_of_scope': { 'zh-CN': '社区 {code} 不在您的管辖范围内', en: 'community {code} is outside your scope' },
  'row.subdistrict_unknown': { 'zh-CN': '街道 {code} 不存在', en: 'subdistrict {code} does not exist' },
  'row.community_unregistered': {
    'zh-CN': '社区 {code} 尚未登记：请在“社区名称”列填写名称以登记',
    en: 'community {code} is not registered yet: give its name in 社区名称 to register it',
  },
  'row.compound_unknown': {
    'zh-CN': '您的管辖范围内，社区 {community} 中没有小区“{compound}”',
    en: 'no compound "{compound}" in community {community} within your scope',
  },
  'field.household_repeats': {
    'zh-CN': '与 items.{first} 重复（楼栋、单元、房号相同）',
    en: 'repeats items.{first} (same building, unit and room)',
  },
  'field.compound_not_in_scope': { 'zh-CN': '您的管辖范围内没有这个小区', en: 'no such compound in your scope' },
  'field.resident_name': { 'zh-CN': '1 到 50 个字符的姓名', en: 'a name of 1 to 50 characters' },
  'field.phone': { 'zh-CN': '11 位中国大陆手机号码', en: 'an 11-digit mainland mobile number' },
  'field.id_number': { 'zh-CN': '校验位正确的 18 位居民身份证号码', en: 'an 18-character resident ID number with a valid check digit' },
});
