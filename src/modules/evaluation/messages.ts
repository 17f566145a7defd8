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
  'note.A1.3': {
    'zh-CN': '已到“已验收”及以后阶段的项目户数，除以本年度全部项目户数（目标），最高为 1',
    en: "households of projects at accepted or later over the households of all the year's projects (the target), capped at 1",
  },
  'note.A2.1': {
    'zh-CN': '已到“方案已批复”及以后阶段的项目中，改造意愿表决（renovation_consent）和方案表决（plan_approval）均已通过的项目',
    en: 'projects at plan_approved or later with a passed renovation_consent and a passed plan_approval ballot',
  },
  'note.A2.2': {
    'zh-CN':
      '已到“已征求意见”及以后阶段的项目中，审批清单已完成的项目（每一步均已办结并附材料，或按简化程序：审批模块的 approval_checklist 事实）',
    en: "projects at consulted or later whose approval checklist is complete (every step done with its materials, or simplified: approvals' approval_checklist fact)",
  },
  'note.A3.2': {
    'zh-CN': '项目成果中的配套设施（新增停车位、加装电梯、公共服务空间；每个项目每类计一次），占最佳区的比例',
    en: "facilities present in the projects' outcomes (parking added, lifts installed, public service space; one each per project), as a share of the best district",
  },
  'note.A3.3': {
    'zh-CN':
      '已到“已验收”及以后阶段、改造后治理已到位的项目（党组织、业委会、物业服务、管理模式和规约：治理模块的 tripartite_governance 事实）',
    en: "projects at accepted or later with their governance after renovation in place (party organisation, owners' committee, property service, management mode and rules: governance's tripartite_governance fact)",
  },
  'note.A4.1': {
    'zh-CN': '中央补助资金、中央预算内投资和地方政府专项债券的金额（分；资金模块的 fundingBySource），占最佳区的比例',
    en: "fen of central_subsidy + central_budget_investment + special_bond (funding's fundingBySource), as a share of the best district",
  },
  'note.A4.3': {
    'zh-CN': '有资金的项目（示范奖励以外的资金行有金额）中，有居民出资的项目',
    en: 'funded projects (money on a funding line other than an exemplary award) with money from residents',
  },
  'note.satisfaction': {
    'zh-CN':
      '本区本年度各项目最近一次满意度调查中，满意户数除以作答户数（参与模块的问卷引擎，按 satisfaction.satisfied 计），按 satisfaction.tiers 分档',
    en: "households satisfied over households answering in the latest satisfaction survey of each of the district's projects of the year (participation's survey engine, counted by satisfaction.satisfied), placed in a tier of satisfaction.tiers",
  },
  'note.not_entered': { 'zh-CN': '尚未录入：计 0 分', en: 'not entered yet: scores 0' },
  'status.planned': { 'zh-CN': '计划中', en: 'planned' },
  'status.ongoing': { 'zh-CN': '进行中', en: 'ongoing' },
  'status.reported': { 'zh-CN': '已提交报告', en: 'reported' },
  'status.nothing': { 'zh-CN': '（无）', en: '(nothing)' },
  'engagement.move_order': { 'zh-CN': '“{from}”只能转为“{next}”', en: '{from} can move only to {next}' },
  'engagement.report_first': { 'zh-CN': '请先上传评估报告', en: 'upload the report first' },
  'engagement.cannot_move': {
    'zh-CN': '评估委托不能转为“{to}”：{refusal}。',
    en: 'The engagement cannot move to {to}: {refusal}.',
  },
  'division.not_code': { 'zh-CN': '{code} 不是行政区划代码。', en: '{code} is not a division code.' },
  'division.out_of_scope': { 'zh-CN': '行政区划 {code} 不在您的管辖范围内。', en: 'Division {code} is not in your scope.' },
  'finding.responsible_closes': {
    'zh-CN': '只有责任单位（{division}）才能关闭此问题。',
    en: 'Only the responsible office ({division}) closes this finding.',
  },
  'exemplary.not_district_code': { 'zh-CN': '{code} 不是区级代码。', en: '{code} is not a district code.' },
  'exemplary.no_account': { 'zh-CN': '没有名为 {username} 的账户。', en: 'No account named {username}.' },
  'exemplary.juror_entity': { 'zh-CN': '{year} 年评选的评委 {id}', en: 'Juror {id} of the {year} selection' },
  'exemplary.district_required': { 'zh-CN': '{kind} 评委须填写', en: 'required for {kind}' },
  'exemplary.conflict_of_interest': {
    'zh-CN': '该评委来自推荐此案例的区（{district}），不得为其评分；此次尝试已记录。',
    en: 'The juror is from {district}, the district that nominated this case, and may not score it; the attempt is recorded.',
    title: { 'zh-CN': '利益冲突', en: 'Conflict of interest' },
  },
  'field.conflict_of_interest': {
    'zh-CN': '利益冲突：评委来自推荐区 {district}',
    en: 'conflict of interest: a juror of the nominating district {district}',
  },
  'exemplary.scores_invalid': { 'zh-CN': '评分无效：{errors}', en: 'The scores are not valid: {errors}' },
  'field.score_required': { 'zh-CN': '{item}：必填', en: '{item}: required' },
  'field.score_range': { 'zh-CN': '{item}：须为 0 到 {max} 的整数', en: '{item}: a whole number from 0 to {max}' },
  'field.not_sheet_item': { 'zh-CN': '不是评分表中的项目', en: 'not an item of the sheet' },
  'exemplary.too_few_scored': { 'zh-CN': '只有 {count} 个推荐案例有评分。', en: 'Only {count} nominated case(s) have scores.' },
  'field.at_most': { 'zh-CN': '最多 {n}', en: 'at most {n}' },
  'field.at_least': { 'zh-CN': '至少 {n}', en: 'at least {n}' },
  'institution.entity': { 'zh-CN': '机构 {id}', en: 'Institution {id}' },
  'member.no_account': { 'zh-CN': '没有账户 {username}。', en: 'There is no account {username}.' },
  'member.not_evaluator': {
    'zh-CN': '{username} 不是评估人员账户；只有评估人员才能属于机构。',
    en: '{username} is not an evaluator account; only evaluators belong to an institution.',
  },
  'field.role_not_evaluator': { 'zh-CN': '角色为 {role}，而非 {expected}', en: 'role {role}, not {expected}' },
  'member.entity': { 'zh-CN': '机构 {institution} 的成员 {id}', en: 'Member {id} of institution {institution}' },
  'sample_survey.no_households': {
    'zh-CN': '{year} 年没有可供 {kind} 调查抽样的住户。',
    en: 'No households to sample for a {kind} survey of {year}.',
  },
  'field.no_support_frame': {
    'zh-CN': '全市该年度没有含住户的项目',
    en: 'the city has no project with households in that year',
  },
  'field.no_accepted_frame': {
    'zh-CN': '全市该年度没有已通过验收的项目',
    en: 'the city has no project of that year past acceptance',
  },
  'sample_survey.frame_too_small': { 'zh-CN': '抽样框只有 {max} 户。', en: 'The frame has only {max} households.' },
  'sample_survey.stratum_min': {
    'zh-CN': '每个区至少需要 {min} 户（规则 {rule}，版本 {version}）。',
    en: 'Each district needs at least {min} (rule {rule} {version}).',
  },
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
