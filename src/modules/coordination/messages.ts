// Coordination's words by code (zh-CN first, English): the package notices and the kinds of work.
import { defineMessages, words, type Words } from '../../platform/i18n/messages.ts';

export const coordinationMessages = defineMessages({
  'coordination.no_division': { 'zh-CN': '您的账户没有可编排的行政区划。', en: 'Your account has no division to plan for.' },
  'coordination.division_out_of_scope': {
    'zh-CN': '行政区划 {division} 不在您的管辖范围内。',
    en: 'Division {division} is outside your scope.',
  },
  'field.outside_scope': { 'zh-CN': '不在管辖范围内', en: 'outside your scope' },
  'work_package.entity': { 'zh-CN': '工作包 {id}', en: 'Work package {id}' },
  'schedule.entity': { 'zh-CN': '联合排期 {id}', en: 'Schedule {id}' },
  'notice.entity': { 'zh-CN': '通知 {id}', en: 'Notice {id}' },
  'precedence.entity': { 'zh-CN': '先后规则 {id}', en: 'Precedence rule {id}' },
  'work_package.compound_not_in_project': { 'zh-CN': '该小区不属于本项目。', en: 'The compound is not one of this project’s.' },
  'field.not_in_project': { 'zh-CN': '不在本项目中', en: 'not in the project' },
  'work_package.exists': {
    'zh-CN': '该小区在本项目中已有{kind}工作包。',
    en: 'The compound already has a {kind} package in this project.',
  },
  'work_package.started_needs_day': { 'zh-CN': '已开工的工作包须写明开工日期。', en: 'A started package needs the day it started.' },
  'field.required_when_started': { 'zh-CN': '状态为已开工时必填', en: 'required when status is started' },
  'review.returned_needs_comments': { 'zh-CN': '退回的项目须附审查意见。', en: 'A returned project goes back with comments.' },
  'field.required_when_returning': { 'zh-CN': '退回时必填', en: 'required when returning' },
  'schedule.no_packages': { 'zh-CN': '{division} 在 {year} 年没有工作包。', en: 'No work packages for {year} in {division}.' },
  'field.no_work_packages': { 'zh-CN': '没有工作包', en: 'no work packages' },
  'schedule.replan_finished_only': { 'zh-CN': '只有已完成的排期才能重新编排。', en: 'Only a finished timetable can be re-planned.' },
  'coordination.no_city': { 'zh-CN': '您的账户没有所属城市。', en: 'Your account has no city.' },
  'precedence.self': { 'zh-CN': '同一类工作不能排在自己之前。', en: 'A kind cannot come before itself.' },
  'field.same_as_before_kind': { 'zh-CN': '与前序工作相同', en: 'same as beforeKind' },
  'field.closes_cycle': { 'zh-CN': '会形成循环', en: 'closes a cycle' },
  'precedence.exists': { 'zh-CN': '这条规则已存在。', en: 'That rule exists already.' },
  'blackout.period_reversed': { 'zh-CN': '时段的结束早于开始。', en: 'The period ends before it starts.' },
  'field.before_from_date': { 'zh-CN': '早于开始日期', en: 'before fromDate' },
  'calendar.own_department': { 'zh-CN': '您只能查看本部门的日历。', en: 'Your calendar is your own department’s.' },
  'coordination.package_moved': {
    'zh-CN': '{compound} · {kind}：{from} → {to}',
    en: '{compound} · {kind}: {from} → {to}',
  },
  'package.liaison_own_department': {
    'zh-CN': '{department} 联络员只能添加本部门的工作包；{kind} 属于 {owner}。',
    en: 'A {department} liaison adds {department} packages only; {kind} belongs to {owner}.',
  },
  'review.own_department': { 'zh-CN': '您代表 {department} 审查，而非 {other}。', en: 'You review for {department}, not {other}.' },
  'precedence.cycle': {
    'zh-CN': '{after} 已排在 {before} 之前：该规则会形成循环。',
    en: '{after} already comes before {before}: the rule would close a cycle.',
  },
  'schedule.crews_short': {
    'zh-CN': '{compound}：{kind} 工作包需要 {crews} 个施工队，但 {department} 只有 {available} 个。',
    en: '{compound}: the {kind} package needs {crews} crews, but {department} has {available}.',
  },
  'field.crews_short': {
    'zh-CN': '工作包 {id} 需要的施工队多于其部门所有',
    en: 'package {id} needs more crews than its department has',
  },
  'schedule.unsolvable': { 'zh-CN': '无法生成排期：{reason}', en: 'No schedule can be made: {reason}' },
});

const kindNames: Record<string, { 'zh-CN': string; en: string }> = {
  water: { 'zh-CN': '供水', en: 'water' },
  drainage: { 'zh-CN': '排水', en: 'drainage' },
  gas: { 'zh-CN': '燃气', en: 'gas' },
  power: { 'zh-CN': '电力', en: 'power' },
  telecom: { 'zh-CN': '通信', en: 'telecom' },
  roads: { 'zh-CN': '道路', en: 'roads' },
  greening: { 'zh-CN': '绿化', en: 'greening' },
  lift_shaft: { 'zh-CN': '加装电梯井', en: 'lift shaft' },
  facade: { 'zh-CN': '立面', en: 'facade' },
  painting: { 'zh-CN': '粉刷', en: 'painting' },
  fire: { 'zh-CN': '消防', en: 'fire' },
  police_security: { 'zh-CN': '安防监控', en: 'security cameras' },
  civil_affairs: { 'zh-CN': '养老服务设施', en: 'elderly care facilities' },
};

export const kindWords = (kind: string): Words => words(kindNames[kind] ?? { 'zh-CN': kind, en: kind });

/** A notice kept as its code and parameters, in words; a notice from before codes keeps its stored text. */
export function noticeWords(n: { code: string | null; params: unknown; message: string }): Words {
  const p = n.params as { compound?: string; kind?: string; from?: string; to?: string } | null;
  if (n.code !== 'coordination.package_moved' || !p) return words({ 'zh-CN': n.message, en: n.message });
  return coordinationMessages.msg('coordination.package_moved', {
    compound: p.compound ?? '',
    kind: kindWords(p.kind ?? ''),
    from: p.from ?? '',
    to: p.to ?? '',
  });
}
