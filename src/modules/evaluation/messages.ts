// Evaluation's words by code (zh-CN first, English): third-party evaluation, exemplary cases,
// sample surveys and the annual assessment.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const evaluationMessages = defineMessages({
  'engagement.entity': { 'zh-CN': '评估委托 {id}', en: 'Engagement {id}' },
  'report.entity': { 'zh-CN': '评估报告 {id}', en: 'Report {id}' },
  'finding.entity': { 'zh-CN': '评估问题 {id}', en: 'Finding {id}' },
  'selection.entity': { 'zh-CN': '示范案例评选 {id}', en: 'Selection {id}' },
  'nomination.entity': { 'zh-CN': '推荐案例 {id}', en: 'Nomination {id}' },
  'sample_survey.entity': { 'zh-CN': '抽样调查', en: 'The sample survey' },
  'sample_survey.household_entity': { 'zh-CN': '本样本中的该住户', en: 'The household in this sample' },
  'assessment.entity_city': {
    'zh-CN': '本市的年度考核（您的账户管辖范围内没有市）',
    en: 'An assessment of your city (your account has no city in its scope)',
  },
  'field.division_code': { 'zh-CN': '6、9 或 12 位行政区划代码', en: 'a 6-, 9- or 12-digit division code' },
  'institution.credit_code_invalid': { 'zh-CN': '统一社会信用代码无效。', en: 'The unified social credit code is not valid.' },
  'field.credit_code': {
    'zh-CN': '18 位，且校验码正确（GB 32100-2015）',
    en: '18 characters with a valid check character (GB 32100-2015)',
  },
  'institution.credit_code_taken': {
    'zh-CN': '已有机构以此统一社会信用代码登记。',
    en: 'An institution with this credit code is already listed.',
  },
  'engagement.period_reversed': { 'zh-CN': '评估期的结束早于开始。', en: 'The period ends before it starts.' },
  'field.not_before_start': { 'zh-CN': '不得早于开始日期', en: 'not before periodFrom' },
  'institution.unknown': { 'zh-CN': '没有这家机构。', en: 'No such institution.' },
  'field.not_listed': { 'zh-CN': '不在名录中', en: 'not listed' },
  'project.unknown_in_scope': { 'zh-CN': '您的管辖范围内没有这个项目。', en: 'No such project in your scope.' },
  'field.project_not_in_scope': { 'zh-CN': '不是您管辖范围内的项目', en: 'not a project in your scope' },
  'field.not_in_scope': { 'zh-CN': '不在您的管辖范围内', en: 'not in your scope' },
  'engagement.changed_meanwhile': {
    'zh-CN': '评估委托已被他人修改，请刷新后再试。',
    en: 'The engagement was changed by someone else meanwhile; reload it.',
  },
  'finding.closed_already': { 'zh-CN': '该问题已经销号。', en: 'The finding is closed already.' },
  'finding.closed_meanwhile': { 'zh-CN': '该问题已被他人销号。', en: 'The finding was closed by someone else meanwhile.' },
  'exemplary.city_only': {
    'zh-CN': '只有市级账户才能管理示范案例评选。',
    en: 'Only a city-level account manages the selection of exemplary cases.',
  },
  'exemplary.sheet_invalid': { 'zh-CN': '评分表有误。', en: 'The scoring sheet is not valid.' },
  'exemplary.juror_scores_by': {
    'zh-CN': '只有评审本人或评选的市级工作人员才能录入评审的评分。',
    en: "Only the juror, or the selection's city-level staff, enter the juror's scores.",
  },
  'field.district_code': { 'zh-CN': '6 位区级代码', en: 'a 6-digit district code' },
  'field.no_account': { 'zh-CN': '没有这个账户', en: 'no such account' },
  'exemplary.awarded_meanwhile': { 'zh-CN': '评选已被他人公布结果。', en: 'The selection was awarded by someone else meanwhile.' },
  'exemplary.city_expert_only': { 'zh-CN': '只有市级专家没有所属区。', en: 'Only a city-level expert has no district.' },
  'sample_survey.city_only': {
    'zh-CN': '只有市级账户才能抽取和结束抽样调查。',
    en: 'Only a city-level account draws and closes a sample survey.',
  },
  'sample_survey.not_evaluator': { 'zh-CN': '该机构不是第三方评估机构。', en: 'The institution is not a third-party evaluator.' },
  'field.evaluator_kinds': { 'zh-CN': '评估机构、咨询机构或高校', en: 'an evaluation agency, consultancy or university' },
  'sample_survey.answers_by': {
    'zh-CN': '只有该机构的评估员或负责评估的工作人员才能录入抽样调查的答案。',
    en: "Only the agency's evaluator, or staff who manage evaluation, enter a sample survey's answers.",
  },
  'sample_survey.closed_no_answers': { 'zh-CN': '抽样调查已结束，不再接受答案。', en: 'The sample survey is closed: no more answers.' },
  'sample_survey.closed_already': { 'zh-CN': '抽样调查已经结束。', en: 'The sample survey is closed already.' },
  'assessment.entries_refused': { 'zh-CN': '部分录入无法采纳。', en: 'Some entries cannot be taken.' },
  'assessment.published': {
    'zh-CN': '{year} 年度考核已公布，不能再修改。',
    en: 'The assessment of {year} is published and can no longer change.',
  },
  'selection.exists': { 'zh-CN': '{year} 年度评选已存在。', en: 'The {year} selection exists already.' },
  'selection.closed': { 'zh-CN': '{year} 年度评选已公布结果，已关闭。', en: 'The {year} selection has been awarded; it is closed.' },
  'nomination.exists': { 'zh-CN': '该项目已被推荐参加 {year} 年度评选。', en: 'The project is nominated for {year} already.' },
});
