// Projects' words by code (zh-CN first, English).
import { defineMessages, words, type Words } from '../../platform/i18n/messages.ts';
import { stageNames, type Stage } from './stages.ts';

export const projectMessages = defineMessages({
  'project.entity': { 'zh-CN': '项目 {id}', en: 'Project {id}' },
  'plan.entity_version': { 'zh-CN': '方案第 {version} 版', en: 'Plan version {version}' },
  'plan.entity': { 'zh-CN': '本项目的改造方案', en: 'A plan of this project' },
  'plan.lines_invalid': { 'zh-CN': '部分方案条目无效。', en: 'Some plan lines are not valid.' },
  'plan.status_mismatch': {
    'zh-CN': '最新方案（第 {version} 版）的状态是“{status}”，不是“{expected}”。',
    en: 'The latest plan version ({version}) is {status}, not {expected}.',
  },
  'plan.empty_submission': { 'zh-CN': '空方案不能提交。', en: 'An empty plan cannot be submitted.' },
  'plan.changed_meanwhile': { 'zh-CN': '方案已被他人修改，请刷新后再试。', en: 'The plan changed meanwhile; reload it.' },
  'project.cluster_invalid': {
    'zh-CN': '片区须由同一区内相邻的小区组成。',
    en: 'A cluster (片区) joins neighbouring compounds of one district.',
  },
  'project.stage_order': {
    'zh-CN': '处于“{stage}”阶段的项目只能进入“{next}”阶段。',
    en: 'A project at {stage} can move only to {next}.',
    title: { 'zh-CN': '阶段顺序不对', en: 'Stages out of order' },
  },
  'project.stage_final': { 'zh-CN': '（无：项目已移交）', en: '(nothing: it is handed over)' },
  'project.stage_not_next': { 'zh-CN': '“{to}”不在“{stage}”之后', en: '{to} does not follow {stage}' },
  'project.stage_move_first': { 'zh-CN': '请先进入“{next}”阶段', en: 'move to {next} first' },
  'project.stage_none': { 'zh-CN': '无', en: 'none' },
  'gate.unmet': {
    'zh-CN': '进入“{stage}”阶段的条件有 {count} 项未满足：{gates}',
    en: '{count} gate(s) of {stage} are not met: {gates}',
    title: { 'zh-CN': '阶段条件未满足', en: 'Gates not met' },
  },
  'project.moved_meanwhile': {
    'zh-CN': '项目已被他人推进，请刷新后再试。',
    en: 'The project was moved by someone else meanwhile; reload it.',
  },
  'gate.plan_drafted.met': { 'zh-CN': '方案第 {version} 版，造价 {cost}。', en: 'Plan version {version} costs {cost}.' },
  'gate.plan.none': { 'zh-CN': '尚未编制改造方案。', en: 'There is no plan yet.' },
  'gate.plan_drafted.satisfy': {
    'zh-CN': '按指标目录编制方案（至少一项有造价的内容）。',
    en: 'Build the plan from the catalogue (at least one item with a cost).',
  },
  'gate.plan_approved.status': {
    'zh-CN': '最新方案（第 {version} 版）的状态是“{status}”。',
    en: 'The latest plan version ({version}) is {status}.',
  },
  'gate.plan_approved.satisfy': {
    'zh-CN': '将方案提交居民表决，并登记居民对该版本的认可。',
    en: 'Submit the plan to the residents and record their approval of that version.',
  },
  'plan.status.draft': { 'zh-CN': '草稿', en: 'draft' },
  'plan.status.submitted': { 'zh-CN': '已提交', en: 'submitted' },
  'plan.status.approved': { 'zh-CN': '已认可', en: 'approved' },
  'field.plan_not_indicator': { 'zh-CN': '{code} 不是本目录的三级指标', en: '{code} is not a third-level indicator of this catalogue' },
  'field.plan_repeats': { 'zh-CN': '与 items.{first} 重复', en: 'repeats items.{first}' },
  'field.plan_positive': { 'zh-CN': '必须大于 0', en: 'must be greater than 0' },
  'field.plan_no_price': {
    'zh-CN': '价格表中没有 {code} 的单价；请填写 unitPriceFen',
    en: 'the price list has no price for {code}; give unitPriceFen',
  },
  'field.plan_line_too_large': {
    'zh-CN': '数量 × 单价超过最大金额 {yuan} 元',
    en: 'quantity × unit price exceeds the largest amount, {yuan} yuan',
  },
  'field.plan_total_too_large': {
    'zh-CN': '方案总额将超过最大金额 {yuan} 元',
    en: "the plan's total would exceed the largest amount, {yuan} yuan",
  },
  // Plausibility of outcomes (issue 16, item 3).
  'outcomes.implausible': {
    'zh-CN':
      '成效数字不合理，未保存：{fields}超过规则“{rule}”（{version} 版：{value}）允许的 {limit} 平方米（项目建筑面积 {floor} 平方米）。',
    en: 'Implausible outcomes, not saved: {fields} exceed the {limit} m² that the rule “{rule}” (version {version}: {value}) allows (the project’s floor area is {floor} m²).',
    title: { 'zh-CN': '成效数字不合理', en: 'Implausible outcomes' },
  },
  'field.outcome_implausible': {
    'zh-CN': '{given} 平方米超过规则“{rule}”允许的 {limit} 平方米',
    en: '{given} m² exceeds the {limit} m² the rule “{rule}” allows',
  },
  'outcome.publicServiceSpaceM2': { 'zh-CN': '新增公共服务空间', en: 'public-service space added' },
  'outcome.fitnessSpaceM2': { 'zh-CN': '新增健身场地', en: 'fitness space added' },
  'outcome.stateOwnedRoomsM2': { 'zh-CN': '盘活国有用房', en: 'state-owned rooms put to use' },
});

export const stageWords = (stage: Stage | string): Words => {
  const name = stageNames[stage as Stage];
  return name ? words({ 'zh-CN': name.zh, en: name.en }) : words({ 'zh-CN': stage, en: stage });
};

export const planStatusWords = (status: string): Words => {
  const code = `plan.status.${status}`;
  return projectMessages.has(code) ? projectMessages.msg(code) : words({ 'zh-CN': status, en: status });
};
