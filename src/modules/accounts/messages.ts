// Accounts' words by code (zh-CN first, English): sign-in refusals and one-time code answers.
import { defineMessages } from '../../platform/i18n/messages.ts';

export const accountsMessages = defineMessages({
  'signin.refused': {
    'zh-CN': '用户名或密码错误。多次失败后账户将被暂时锁定。',
    en: 'Wrong username or password. After repeated failures an account is locked for a while.',
    title: { 'zh-CN': '登录失败', en: 'Sign-in refused' },
  },
  'password.too_short': { 'zh-CN': '密码太短。', en: 'The password is too short.' },
  'field.password_min': { 'zh-CN': '至少 8 个字符', en: 'at least 8 characters' },
  'code.phone_invalid': { 'zh-CN': '请输入 11 位中国大陆手机号码。', en: 'Enter an 11-digit mainland mobile number.' },
  'field.phone_invalid': { 'zh-CN': '须为 11 位中国大陆手机号码', en: 'an 11-digit mainland mobile number' },
  'code.off': {
    'zh-CN': '本服务器未开启验证码登录。',
    en: 'Sign-in by one-time code is not enabled on this server.',
  },
  'code.wait': {
    'zh-CN': '请等待 {seconds} 秒后再获取验证码。',
    en: 'Wait {seconds} seconds before asking for another code.',
  },
  'code.too_many_today': { 'zh-CN': '今天获取验证码的次数过多。', en: 'Too many codes today.' },
  'code.wrong': {
    'zh-CN': '验证码错误或已过期，请重新获取。',
    en: 'The code is wrong or has expired; ask for a new one.',
    title: { 'zh-CN': '验证码无效', en: 'Code refused' },
  },
  'code.six_digits': { 'zh-CN': '验证码为 6 位数字。', en: 'The code has six digits.' },
  'field.six_digits': { 'zh-CN': '须为 6 位数字', en: 'six digits' },
});
