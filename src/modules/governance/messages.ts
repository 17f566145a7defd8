// Governance's words by code (zh-CN first, English).
import { defineMessages } from '../../platform/i18n/messages.ts';

export const governanceMessages = defineMessages({
  'document.entity': { 'zh-CN': '文件 {id}', en: 'Document {id}' },
  'company.entity': { 'zh-CN': '物业企业 {id}', en: 'Property company {id}' },
  'governance.scope_district': { 'zh-CN': '您的管辖范围不包括区 {district}。', en: 'Your scope does not include district {district}.' },
  'company.credit_code_invalid': { 'zh-CN': '统一社会信用代码无效。', en: 'The unified social credit code is not valid.' },
  'field.credit_code': {
    'zh-CN': '18 位，且校验码正确（GB 32100-2015）',
    en: '18 characters with a valid check character (GB 32100-2015)',
  },
  'company.credit_code_taken': {
    'zh-CN': '已有企业以此统一社会信用代码登记。',
    en: 'A company with this credit code is already registered.',
  },
  'company.not_registered': { 'zh-CN': '名录中没有这家企业。', en: 'No such company in the register.' },
  'field.not_in_register': { 'zh-CN': '不在名录中', en: 'not in the register' },
  'company.suspended': { 'zh-CN': '{name}在名录中已被暂停。', en: '{name} is suspended in the register.' },
  'field.suspended': { 'zh-CN': '已暂停', en: 'suspended' },
  'governance.ballot_not_of_project': { 'zh-CN': '该表决不属于本项目。', en: 'The ballot is not one of this project.' },
  'field.ballot_not_of_project': { 'zh-CN': '不是本项目的表决', en: 'not a ballot of this project' },
  'governance.ballot_not_mode': { 'zh-CN': '只有管理模式表决才能决定管理模式。', en: 'Only a management_mode ballot decides the mode.' },
  'field.not_mode_ballot': { 'zh-CN': '不是管理模式表决', en: 'not a management_mode ballot' },
  'governance.ballot_not_passed': { 'zh-CN': '管理模式表决尚未通过。', en: 'The management mode ballot has not passed.' },
  'field.not_passed': { 'zh-CN': '尚未结束并通过', en: 'not closed and passed' },
  'governance.mode_unknown': { 'zh-CN': '该表决提议的不是已知的管理模式。', en: 'The ballot does not propose a known mode.' },
  'field.mode_unknown': { 'zh-CN': '提议的是 {proposal}，不是以下之一：{modes}', en: 'proposes {proposal}, not one of {modes}' },
  'gate.tripartite_governance.lacks': {
    'zh-CN': '改造后长效治理还缺 {count} 项。',
    en: 'Governance after renovation lacks {count} of its parts.',
  },
  'gate.tripartite_governance.met': {
    'zh-CN': '党组织、业主委员会、物业服务、管理模式和规约均已落实。',
    en: "The party organisation, owners' committee, property service, management mode and rules are in place.",
  },
  'gate.tripartite_governance.record': { 'zh-CN': '请登记：{gaps}。', en: 'Record {gaps}.' },
  'gate.tripartite_governance.nothing': { 'zh-CN': '无：长效治理已落实。', en: 'Nothing: governance is in place.' },
  'gap.party_organisation': { 'zh-CN': '小区党组织', en: "the compound's party organisation" },
  'gap.party_service_station': { 'zh-CN': '党群服务站', en: 'a party service station' },
  'gap.owners_committee': { 'zh-CN': '依法选举的业主委员会', en: "an elected owners' committee" },
  'gap.management_mode': {
    'zh-CN': '经管理模式表决通过的管理模式',
    en: 'a management mode adopted by a passed management_mode ballot',
  },
  'gap.property_company': { 'zh-CN': '名录中在册的物业企业', en: 'an active property company from the register' },
  'gap.management_rules': { 'zh-CN': '管理规约', en: 'the management rules document (管理规约)' },
  'gap.meeting_rules': { 'zh-CN': '议事规则', en: 'the meeting rules document (议事规则)' },
});
