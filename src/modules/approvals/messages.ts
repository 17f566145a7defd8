// Approvals' words by code (zh-CN first, English).
import { defineMessages, words, type Words } from '../../platform/i18n/messages.ts';
import { materials, steps, type Material, type StepCode } from './steps.ts';

export const approvalMessages = defineMessages({
  'document.entity': { 'zh-CN': '文件 {id}', en: 'Document {id}' },
  'consultation.lead_not_present': {
    'zh-CN': '牵头部门必须是参会部门之一',
    en: 'the lead department must be among the departments present',
  },
  'consultation.decisions_need_minutes': {
    'zh-CN': '决定以会议纪要为准：请同时记录会议纪要',
    en: 'decisions are made by the minutes: record the minutes with them',
  },
  'consultation.step_repeated': { 'zh-CN': '重复了 {step}', en: 'repeats {step}' },
  'consultation.quote_minute': { 'zh-CN': '请引用允许该决定的会议纪要条目', en: 'quote the item of the minutes that allows it' },
  'consultation.not_a_quotation': { 'zh-CN': '不是会议纪要中的原文', en: 'is not a quotation of the minutes' },
  'consultation.decides_nothing': {
    'zh-CN': '没有任何决定：请简化该环节或写明其材料',
    en: 'decides nothing: simplify the step or name its materials',
  },
  'consultation.invalid': { 'zh-CN': '联合会商记录有误。', en: 'The consultation is not valid.' },
  'checklist.closed': {
    'zh-CN': '项目已处于“{stage}”阶段：审批清单已关闭。',
    en: 'The project is {stage}: its approval checklist is closed.',
  },
  'checklist.simplify_needs_minute': {
    'zh-CN': '只有会议纪要允许时才能简化审批环节。',
    en: 'A step is simplified only by a consultation minute that allows it.',
  },
  'field.required_to_simplify': { 'zh-CN': '简化环节时必填', en: 'required to simplify a step' },
  'checklist.consultation_not_of_project': {
    'zh-CN': '联合会商 {id} 不属于本项目。',
    en: "Consultation {id} is not one of this project's.",
  },
  'field.not_consultation_of_project': { 'zh-CN': '不是本项目的联合会商', en: 'not a consultation of this project' },
  'checklist.minutes_do_not_simplify': {
    'zh-CN': '{date} 联合会商的会议纪要未允许简化“{name}”（{step}）。',
    en: 'The minutes of the consultation of {date} do not simplify {step} ({name}).',
  },
  'field.minutes_do_not_allow': { 'zh-CN': '会议纪要未允许简化 {step}', en: 'its minutes do not allow simplifying {step}' },
  'checklist.only_simplified_cites': { 'zh-CN': '只有被简化的环节才引用联合会商。', en: 'Only a simplified step cites a consultation.' },
  'field.not_used_when': { 'zh-CN': '状态为 {status} 时不使用', en: 'not used when {status}' },
  'checklist.step_needs_materials': { 'zh-CN': '“{name}”（{step}）还缺：{missing}。', en: '{step} ({name}) still needs: {missing}.' },
  'field.upload_first': { 'zh-CN': '请先上传：{missing}', en: 'upload {missing} first' },
  'checklist.material_not_of_step': { 'zh-CN': '{material} 不是“{step}”环节的材料。', en: '{material} is not a material of {step}.' },
  'field.one_of': { 'zh-CN': '应为以下之一：{allowed}', en: 'one of {allowed}' },
  'gate.consultation_minutes.status': {
    'zh-CN': '已记录联合会商 {count} 次，其中 {withMinutes} 次有会议纪要。',
    en: '{count} joint consultation(s) recorded, {withMinutes} with minutes.',
  },
  'gate.consultation_minutes.satisfy': {
    'zh-CN': '记录由区住建局牵头的联合会商及其会议纪要。',
    en: 'Record the joint consultation led by the district housing bureau, with its minutes.',
  },
  'gate.approval_checklist.status': {
    'zh-CN': '{count} 个审批环节中已完成或简化 {done} 个。',
    en: '{done} of {count} approval steps are done or simplified.',
  },
  'gate.approval_checklist.step_upload': { 'zh-CN': '“{name}”（{step}）：请上传 {missing}', en: '{step}: upload {missing}' },
  'gate.approval_checklist.step_mark': {
    'zh-CN': '“{name}”（{step}）：标记为已完成（材料：{missing}），或引用会议纪要标记为简化',
    en: '{step}: mark it done (materials: {missing}) or simplified citing a consultation minute',
  },
  'gate.approval_checklist.all_present': { 'zh-CN': '已齐全', en: 'all present' },
  'gate.approval_checklist.nothing': { 'zh-CN': '无：每个环节均已完成或简化。', en: 'Nothing: every step is done or simplified.' },
});

export const stepName = (step: StepCode): Words => words({ 'zh-CN': steps[step].zh, en: steps[step].en });

/** A material in words: its Chinese name, and its code in English (as the API names it). */
export const materialWords = (m: Material | string): Words => {
  const known = (materials as Record<string, { zh: string; en: string }>)[m];
  return known ? words({ 'zh-CN': known.zh, en: m }) : words({ 'zh-CN': m, en: m });
};
