// The living circle's words by code (zh-CN first, English): facilities, imports, the circle and its gaps.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const circleMessages = defineMessages({
  'circle.facility.entity': { 'zh-CN': '设施 {id}', en: 'Facility {id}' },
  'circle.compound.entity': { 'zh-CN': '小区 {id}', en: 'Compound {id}' },
  'circle.invalid': {
    'zh-CN': '填写的内容有误，请检查标出的项目。',
    en: 'Some fields are not valid; see the ones marked.',
    title: { 'zh-CN': '内容有误', en: 'Not valid' },
  },
  'circle.division_invalid': {
    'zh-CN': '请选择您管辖范围内的市、区、街道或社区。',
    en: 'Choose a city, district, subdistrict or community within your scope.',
    title: { 'zh-CN': '区划有误', en: 'Division not valid' },
  },
  'circle.facility_exists': {
    'zh-CN': '同一位置已有同名同类的设施。',
    en: 'A facility of that kind and name is already at that place.',
    title: { 'zh-CN': '设施已存在', en: 'Facility exists' },
  },
  'import.rows_invalid': {
    'zh-CN': '文件中有 {count} 行有误，未导入任何数据。请按行号修改后重新上传。',
    en: '{count} rows of the file are not valid; nothing was imported. Correct the lines listed and upload again.',
    title: { 'zh-CN': '导入失败', en: 'Import failed' },
  },
  'import.unreadable': {
    'zh-CN': '无法读取该文件：{reason}',
    en: 'The file cannot be read: {reason}',
    title: { 'zh-CN': '文件无法读取', en: 'File unreadable' },
  },
  'field.kind_of_need': { 'zh-CN': '不是该类需求的设施类型', en: 'not a kind of facility of that need' },
  'field.out_of_scope': { 'zh-CN': '不在您的管辖范围内', en: 'outside your scope' },
  'field.clock': { 'zh-CN': '须为 HH:MM 格式的时间', en: 'must be a time as HH:MM' },
  'field.weekday': { 'zh-CN': '须为 1（周一）到 7（周日）', en: 'must be 1 (Monday) to 7 (Sunday)' },
  'field.already_there': { 'zh-CN': '同一位置已有同名同类的设施', en: 'a facility of that kind and name is already there' },
  'field.division': { 'zh-CN': '不是您管辖范围内的区划代码', en: 'not a division code within your scope' },
  'row.empty': { 'zh-CN': '为空', en: 'is empty' },
  'row.too_long': { 'zh-CN': '超过 {max} 个字符', en: 'is longer than {max} characters' },
  'row.not_need': { 'zh-CN': '“{text}”不是七类需求之一（衣、食、行、医、养、文、娱）', en: '"{text}" is not one of the seven needs' },
  'row.not_kind': { 'zh-CN': '“{text}”不是该类需求的设施类型', en: '"{text}" is not a kind of facility of that need' },
  'row.not_coordinate': { 'zh-CN': '“{text}”不是 ±{limit} 以内的坐标', en: '"{text}" is not a coordinate within ±{limit}' },
  'row.not_integer': { 'zh-CN': '“{text}”不是 0 到 {max} 之间的整数', en: '"{text}" is not a whole number from 0 to {max}' },
  'row.not_hours': {
    'zh-CN': '“{text}”不是营业时间（如 08:00-20:00）',
    en: '"{text}" is not opening hours (such as 08:00-20:00)',
  },
  'row.missing_column': { 'zh-CN': '缺少列 {headers}', en: 'missing column {headers}' },
  'row.no_data': { 'zh-CN': '文件没有数据行', en: 'the file has no data rows' },
  'row.required': { 'zh-CN': '必填', en: 'is required' },
  // Space resources (item 3) and their matching to gaps (item 4).
  'space.entity': { 'zh-CN': '空间资源 {id}', en: 'Space resource {id}' },
  'space.out_of_order': {
    'zh-CN': '该空间资源当前为“{from}”，不能改为“{to}”（须依次经过：待分配、已分配、已改造、已投用）。',
    en: 'The space resource is "{from}" and cannot become "{to}" (it moves offered, allocated, converted, in use, in that order).',
    title: { 'zh-CN': '状态顺序有误', en: 'Out of order' },
  },
  'space.status.offered': { 'zh-CN': '待分配', en: 'offered' },
  'space.status.allocated': { 'zh-CN': '已分配', en: 'allocated' },
  'space.status.converted': { 'zh-CN': '已改造', en: 'converted' },
  'space.status.in_use': { 'zh-CN': '已投用', en: 'in use' },
  'field.area': { 'zh-CN': '须为大于 0 的面积（平方米，最多两位小数）', en: 'must be an area above 0 (m², at most two decimals)' },
  'row.not_space_kind': {
    'zh-CN': '“{text}”不是空间资源类型（零星用地、既有用房、国有存量用房）',
    en: '"{text}" is not a kind of space resource (scattered land, existing room, state-owned idle room)',
  },
  'row.not_area': {
    'zh-CN': '“{text}”不是大于 0 的面积（平方米，最多两位小数）',
    en: '"{text}" is not an area above 0 (m², at most two decimals)',
  },
  'field.project': { 'zh-CN': '不是您管辖范围内的改造项目', en: 'not a renovation project within your scope' },
  'field.compound': { 'zh-CN': '不是您管辖范围内的小区', en: 'not a compound within your scope' },
  'field.facility_there': {
    'zh-CN': '该位置已有同名同类的设施，请换一个名称',
    en: 'a facility of that kind and name is already there; choose another name',
  },
  // Clusters (片区, issue 15 item 5).
  'cluster.entity': { 'zh-CN': '片区 {id}', en: 'Cluster {id}' },
  'cluster.invalid': {
    'zh-CN': '这些小区不能作为一个片区：{reason}',
    en: 'These compounds cannot form one cluster: {reason}',
    title: { 'zh-CN': '片区有误', en: 'Cluster not valid' },
  },
  'cluster.division_invalid': {
    'zh-CN': '请选择您管辖范围内的区、街道或社区。',
    en: 'Choose a district, subdistrict or community within your scope.',
    title: { 'zh-CN': '区划有误', en: 'Division not valid' },
  },
  'cluster.item_unknown': {
    'zh-CN': '清单中没有这一项。',
    en: 'The checklist has no such item.',
    title: { 'zh-CN': '清单项有误', en: 'Item not valid' },
  },
  'field.cluster.too_few': { 'zh-CN': '一个片区至少要有 2 个小区', en: 'a cluster needs at least 2 compounds' },
  'field.cluster.too_many': { 'zh-CN': '一个片区最多 {max} 个小区', en: 'a cluster has at most {max} compounds' },
  'field.cluster.districts': { 'zh-CN': '小区须属于同一个区', en: 'the compounds must be of one district' },
  'field.cluster.apart': {
    'zh-CN': '小区须彼此相邻（相距不超过 {metres} 米）',
    en: 'the compounds must be neighbours (at most {metres} m apart)',
  },
  'field.cluster.unknown': {
    'zh-CN': '有小区不存在、不在您的管辖范围内或没有坐标',
    en: 'a compound does not exist, is outside your scope or has no coordinates',
  },
  'field.cluster.item': { 'zh-CN': '不是未来社区场景清单中的一项', en: 'not an item of the future-community scenarios' },
  'cluster.why.neighbours': {
    'zh-CN': '{count} 个小区彼此相邻，相邻小区最远相距 {metres} 米',
    en: '{count} neighbouring compounds, the farthest neighbours {metres} m apart',
  },
  'cluster.why.shared': {
    'zh-CN': '{compounds} 个小区都缺少{need}，涉及 {households} 户，可共建共享',
    en: '{compounds} compounds lack {need} ({households} households): one facility can serve them together',
  },
  'cluster.why.none_shared': {
    'zh-CN': '各小区缺少的服务不同，共享设施的收益较小',
    en: 'The compounds lack different things: little to gain from sharing',
  },
  'cluster.why.households': { 'zh-CN': '合计 {households} 户', en: '{households} households in all' },
  'cluster.why.in_project': {
    'zh-CN': '其中 {count} 个小区已在改造项目中',
    en: '{count} of them are already in a renovation project',
  },
  'cluster.default_name': {
    'zh-CN': '{first}等 {count} 个小区片区改造',
    en: 'Cluster renovation of {first} and others ({count} compounds)',
  },
});
