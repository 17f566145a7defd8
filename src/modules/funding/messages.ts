// Funding's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const fundingMessages = defineMessages({
  'funding.subsidy_cap_exceeded': {
    'zh-CN': '市、区两级补助合计 {actual}，超过上限 {limit}（{rule}：{value}，{version} 版；依据：{source}）。',
    en: 'City and district subsidies of {actual} exceed the limit of {limit} ({rule}: {value}, version {version}; source: {source}).',
    title: { 'zh-CN': '超过财政补助上限', en: 'Subsidy cap exceeded' },
  },
  'funding.resident_share_exceeded': {
    'zh-CN': '居民出资 {actual}，超过上限 {limit}（{rule}：{value}，{version} 版；依据：{source}）。',
    en: 'Residents’ funds of {actual} exceed the limit of {limit} ({rule}: {value}, version {version}; source: {source}).',
    title: { 'zh-CN': '超过居民出资比例上限', en: 'Resident share exceeded' },
  },
  'funding.rule_broken': {
    'zh-CN': '{actual} 超过 {limit}（{rule}：{value}，{version} 版；依据：{source}）。',
    en: '{actual} exceeds {limit} ({rule}: {value}, version {version}; source: {source}).',
  },
  'funding.exceeds_cost': {
    'zh-CN': '各项资金合计超出方案造价 {excess}。',
    en: "The lines exceed the plan's cost by {excess}.",
    title: { 'zh-CN': '资金超出造价', en: 'Funding exceeds the cost' },
  },
  'funding.plan_refused': {
    'zh-CN': '资金方案不符合规则：{reasons}',
    en: 'The funding plan breaks the rules: {reasons}',
    title: { 'zh-CN': '资金方案不符合规则', en: 'Funding plan refused' },
  },
  'funding.lines_invalid': { 'zh-CN': '部分资金条目无效。', en: 'Some funding lines are not valid.' },
  'funding.channel_required': { 'zh-CN': '居民出资须经由：{channels}', en: 'resident funds come through {channels}' },
  'funding.channel_not_allowed': { 'zh-CN': '只有居民出资才有出资渠道', en: 'only resident funds have a channel' },
  'funding.award_not_in_plan': {
    'zh-CN': '奖励资金由示范项目评选记录，不列入资金方案',
    en: 'awards are recorded by the exemplary-case selection, not in a funding plan',
  },
  'funding.property_subsidy_not_in_plan': {
    'zh-CN': '物业服务补助按月申请、审核后支付，不列入资金方案',
    en: 'property-service subsidies are applied for and paid month by month, not planned',
  },
  'funding.line_repeated': { 'zh-CN': '与前面的条目重复（{line}）', en: 'repeats {line}' },
  'funding.disbursement_exceeds_plan': {
    'zh-CN': '{source}只剩 {available} 可支付；超出部分请先登记资金调整。',
    en: 'Only {available} of {source} is left to pay; record an amendment for the rest first.',
    title: { 'zh-CN': '超出计划支付', en: 'More than planned' },
  },
  'funding.gate.met': { 'zh-CN': '资金方案覆盖全部造价，且符合各项规则。', en: 'The funding plan covers the cost within every rule.' },
  'funding.gate.unmet': {
    'zh-CN': '已落实资金 {funded}，造价 {cost}；{broken} 项规则未满足。',
    en: 'Funded {funded} of {cost}; {broken} rule(s) broken.',
  },
  'funding.gate.satisfy': {
    'zh-CN': '由各资金来源覆盖全部方案造价，且不超过财政补助上限和居民出资比例上限。',
    en: 'Fund the whole plan cost from its sources, within the subsidy cap and the resident share.',
  },
  'amendments.exceed_max': {
    'zh-CN': '{source} 的调整将超过最大金额 {yuan} 元。',
    en: 'The amendments of {source} would exceed the largest amount, {yuan} yuan.',
  },
  'field.source_exceeds_max': { 'zh-CN': '该资金来源将超过最大金额', en: 'the source would exceed the largest amount' },
  'awards.exceed_max': {
    'zh-CN': '项目的奖补将超过最大金额 {yuan} 元。',
    en: 'A project’s awards would exceed the largest amount, {yuan} yuan.',
  },
  'field.awards_exceed_max': { 'zh-CN': '项目的奖补将超过最大金额', en: 'the project’s awards would exceed the largest amount' },
  'field.lines_exceed_max': {
    'zh-CN': '各资金行合计超过最大金额 {yuan} 元',
    en: 'the lines add up to more than the largest amount, {yuan} yuan',
  },
});

/** Funding sources and resident channels in words. */
export const fundingWords = defineMessages({
  'source.central_subsidy': { 'zh-CN': '中央补助资金', en: 'central subsidy' },
  'source.central_budget_investment': { 'zh-CN': '中央预算内投资', en: 'central budget investment' },
  'source.special_bond': { 'zh-CN': '地方政府专项债券', en: 'special bonds' },
  'source.city_subsidy': { 'zh-CN': '市级财政补助', en: 'city subsidy' },
  'source.district_subsidy': { 'zh-CN': '区级财政补助', en: 'district subsidy' },
  'source.pipeline_utility': { 'zh-CN': '管线单位出资', en: 'pipeline utilities' },
  'source.resident': { 'zh-CN': '居民出资', en: 'residents' },
  'source.social_capital': { 'zh-CN': '社会资本', en: 'social capital' },
  'source.exemplary_award': { 'zh-CN': '示范项目奖励', en: 'exemplary award' },
  'source.property_subsidy': { 'zh-CN': '物业服务补助', en: 'property-service subsidy' },
  'channel.housing_maintenance_fund': { 'zh-CN': '住宅专项维修资金', en: 'housing maintenance fund' },
  'channel.common_revenue': { 'zh-CN': '小区公共收益', en: 'common revenue' },
  'channel.personal_donation': { 'zh-CN': '个人捐资', en: 'personal donations' },
});
