// The platform's own problems: what any route may answer, whatever module it belongs to.
import { defineMessages, words, type Localized } from './messages.ts';

/** Titles by status, for problems whose code brings none. */
export const statusTitles: Record<number, Localized> = {
  400: { 'zh-CN': '请求有误', en: 'Bad Request' },
  401: { 'zh-CN': '请先登录', en: 'Unauthorized' },
  403: { 'zh-CN': '没有权限', en: 'Forbidden' },
  404: { 'zh-CN': '不存在', en: 'Not Found' },
  409: { 'zh-CN': '与当前状态冲突', en: 'Conflict' },
  413: { 'zh-CN': '内容过大', en: 'Content Too Large' },
  415: { 'zh-CN': '不支持的文件类型', en: 'Unsupported Media Type' },
  422: { 'zh-CN': '内容无法处理', en: 'Unprocessable Content' },
  423: { 'zh-CN': '账户已锁定', en: 'Locked' },
  429: { 'zh-CN': '请求过于频繁', en: 'Too Many Requests' },
  500: { 'zh-CN': '服务器内部错误', en: 'Internal Server Error' },
  502: { 'zh-CN': '上游服务出错', en: 'Bad Gateway' },
};

export const statusTitle = (status: number): Localized => statusTitles[status] ?? statusTitles[status >= 500 ? 500 : 400]!;

/** The code a problem carries when its thrower names none (legacy calls still compile and still say something stable). */
export function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'request.invalid',
    401: 'auth.unauthorized',
    403: 'auth.forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'request.too_large',
    415: 'request.unsupported_media_type',
    422: 'request.unprocessable',
    423: 'auth.locked',
    429: 'request.rate_limited',
  };
  return codes[status] ?? (status >= 500 ? 'server.error' : 'request.invalid');
}

export const platformMessages = defineMessages({
  'request.invalid': { 'zh-CN': '请求有误。', en: 'The request is not valid.' },
  'request.validation': {
    'zh-CN': '{where}有误：{errors}',
    en: 'The {where} is not valid: {errors}',
    title: { 'zh-CN': '请求有误', en: 'Bad Request' },
  },
  'request.unprocessable': { 'zh-CN': '内容无法处理。', en: 'The content cannot be processed.' },
  'request.too_large': { 'zh-CN': '内容过大。', en: 'The content is too large.' },
  'request.file_too_large': { 'zh-CN': '文件超过 {megabytes} MB。', en: 'The file is larger than {megabytes} MB.' },
  'request.unsupported_media_type': { 'zh-CN': '不支持这种内容类型。', en: 'This media type is not supported.' },
  'request.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  'request.no_route': { 'zh-CN': '没有 {method} {path} 这个接口。', en: 'No route {method} {path}.' },
  'request.cursor_invalid': {
    'zh-CN': '分页游标无效，请从第一页重新开始。',
    en: 'The cursor is not valid; start again from the first page.',
  },
  'auth.unauthorized': { 'zh-CN': '请先登录。', en: 'Sign in first.' },
  'auth.forbidden': { 'zh-CN': '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  'auth.route_without_permission': { 'zh-CN': '此接口未声明权限，拒绝访问。', en: 'This route declares no permission.' },
  'auth.locked': { 'zh-CN': '账户已锁定。', en: 'The account is locked.' },
  not_found: { 'zh-CN': '{what}不存在。', en: '{what} does not exist.', title: statusTitles[404] },
  conflict: { 'zh-CN': '与当前状态冲突。', en: 'This conflicts with the current state.' },
  'server.error': { 'zh-CN': '服务器出错，已记录，请稍后再试。', en: 'Something went wrong on our side; it has been logged.' },
  'policy.rule_unknown': { 'zh-CN': '没有政策规则“{key}”。', en: 'There is no policy rule "{key}".' },
  'policy.version_exists': {
    'zh-CN': '政策规则 {key} 的 {version} 版已发布；已发布的版本不可修改，请用新的版本号。',
    en: 'Version {version} of {key} is already published; a published version is never changed, publish a new one.',
  },
  'policy.value_invalid': { 'zh-CN': '规则值不符合该规则的格式。', en: 'The value does not fit the rule.' },
  'file.type_refused': { 'zh-CN': '{file}：{reason}', en: '{file}: {reason}' },
});

/** Field messages of request validation (zod issues), by issue code, with the field's own words where known. */
export const fieldMessages = defineMessages({
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'field.invalid': { 'zh-CN': '无效', en: 'invalid' },
});

export const wordsOf = words;
