// The platform's own problems: what any route may answer, whatever module it belongs to.
import { defineMessages, type Localized } from './messages.ts';

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
  'request.cursor_invalid': { 'zh-CN': '分页游标不是本列表给出的，请从第一页重新开始。', en: 'The cursor is not one this list gave out.' },
  'auth.unauthorized': { 'zh-CN': '请先登录。', en: 'Sign in first.' },
  'auth.forbidden': { 'zh-CN': '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  'auth.route_without_permission': { 'zh-CN': '此接口未声明权限，拒绝访问。', en: 'This route declares no permission.' },
  'auth.locked': { 'zh-CN': '账户已锁定。', en: 'The account is locked.' },
  not_found: { 'zh-CN': '{what}不存在。', en: '{what} does not exist.', title: statusTitles[404] },
  conflict: { 'zh-CN': '与当前状态冲突。', en: 'This conflicts with the current state.' },
  'server.error': { 'zh-CN': '服务器出错，已记录，请稍后再试。', en: 'Something went wrong on our side; it has been logged.' },
  'policy.rule_unknown': { 'zh-CN': '没有政策规则“{key}”，无法发布新版本。', en: 'There is no rule "{key}" to publish a version of.' },
  'policy.version_exists': {
    'zh-CN': '政策规则 {key} 已有 {version} 版；已发布的版本不可修改，请用新的版本号。',
    en: 'Rule {key} already has a version {version}.',
  },
  'file.type_refused': { 'zh-CN': '{file}：{reason}', en: '{file}: {reason}' },
  'file.content_unknown': { 'zh-CN': '文件内容不是以下类型之一：{types}', en: 'the content is not one of {types}' },
  'file.name_mismatch': {
    'zh-CN': '文件内容是 {actual}，但文件名表明是 {named}',
    en: 'the content is {actual}, but the name says {named}',
  },
  'file.name_unknown': { 'zh-CN': '未知类型', en: 'an unknown type' },
  'file.mime_mismatch': { 'zh-CN': '文件内容是 {actual}，但发送时标为 {mime}', en: 'the content is {actual}, but it was sent as {mime}' },
  'file.larger_than': { 'zh-CN': '超过 {bytes} 字节', en: 'larger than {bytes} bytes' },
  'file.entity': { 'zh-CN': '文件 {id}', en: 'File {id}' },
  'job.entity': { 'zh-CN': '后台任务 {id}', en: 'Job {id}' },
  'upload.multipart_required': {
    'zh-CN': '请以 multipart/form-data 提交文件，字段为 {fields} 和 file。',
    en: 'Send the document as multipart/form-data with the fields {fields} and file.',
  },
  'upload.file_required': { 'zh-CN': '请在字段“file”中提交文件。', en: 'Send the document in the field "file".' },
  'upload.form_invalid': { 'zh-CN': '表单有误：{errors}', en: 'The form is not valid: {errors}' },
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'field.invalid': { 'zh-CN': '无效', en: 'invalid' },
  'field.cursor_invalid': { 'zh-CN': '分页游标无效', en: 'invalid cursor' },
  'field.unknown_rule': { 'zh-CN': '没有这条规则', en: 'unknown rule' },
  'field.already_published': { 'zh-CN': '该版本已发布', en: 'already published' },
  'request.nul': {
    'zh-CN': '{path} 含有 NUL 字符（\\u0000），任何文本都不能包含它。',
    en: '{path} contains a NUL character (\\u0000), which no text may hold.',
  },
  'field.nul': { 'zh-CN': '含有 NUL 字符', en: 'contains a NUL character' },
  'request.origin_refused': {
    'zh-CN': '以会话 Cookie 登录的修改必须来自本站页面；此请求来自{origin}。其他程序请登录后使用 Bearer 令牌。',
    en: "A change signed in by the session cookie must come from this site's own pages; this request came from {origin}. Other programs sign in and send a bearer token.",
  },
  'request.origin_opaque': { 'zh-CN': '不透明来源', en: 'an opaque origin' },
  'db.text_unstorable': {
    'zh-CN': '文本含有 PostgreSQL 无法保存的字符（NUL 字节或无效的 UTF-8）。',
    en: 'A text contains a character PostgreSQL cannot store (a NUL byte or invalid UTF-8).',
  },
  'db.value_invalid': { 'zh-CN': '某个值不符合其类型。', en: 'A value is not valid for its type.' },
  'db.date_invalid': { 'zh-CN': '日期或时间无效。', en: 'A date or time is not valid.' },
  'db.date_out_of_range': { 'zh-CN': '日期或时间超出范围。', en: 'A date or time is out of range.' },
  'db.number_out_of_range': { 'zh-CN': '数字超出范围。', en: 'A number is out of range.' },
  'job.interrupted': {
    'zh-CN': '运行此任务的进程已停止，任务的任何结果都未写入。',
    en: 'The process running this job stopped; nothing of it was written.',
    title: { 'zh-CN': '任务中断', en: 'Interrupted' },
  },
  'job.failed': {
    'zh-CN': '任务失败，详情见服务器日志。',
    en: 'The job failed; see the server log.',
    title: { 'zh-CN': '任务失败', en: 'Job failed' },
  },
  'spreadsheet.too_large': {
    'zh-CN': '该 .xlsx 工作簿解压后的数据远超导入上限，未读取。',
    en: 'The .xlsx workbook unpacks to far more data than an import may hold; it was not read.',
  },
  'spreadsheet.field_too_large': { 'zh-CN': '解压后超出上限', en: 'unpacks past the limit' },
  'spreadsheet.unreadable': { 'zh-CN': '该文件不是可读取的 .xlsx 工作簿。', en: 'The file is not a readable .xlsx workbook.' },
  'spreadsheet.type': { 'zh-CN': '只能导入 .xlsx 和 .csv 文件。', en: 'Only .xlsx and .csv files can be imported.' },
  'decimal.inexact': { 'zh-CN': '部分数字无法精确表示。', en: 'Some numbers cannot be taken exactly.' },
  'field.decimal_shape': {
    'zh-CN': '{value} 不是整数部分最多 {integerDigits} 位、小数部分最多 {scale} 位的非负小数（字符串如“{example}”或精确的 JSON 数字）',
    en: '{value} is not a decimal ≥ 0 with at most {integerDigits} digits before the point and {scale} after, as a string ("{example}") or an exact JSON number',
  },
});
