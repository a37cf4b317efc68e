import type { Lang } from '../i18n';
import type { ApiError } from './client';

/**
 * What each error code of the API means to a person. A view shows `describeError` instead of
 * the raw message; codes it does not know show the request id to quote to support.
 */
const MESSAGES: Record<string, { en: string; zh: string }> = {
  BAD_USER_INPUT: { en: 'Please check this value', zh: '请检查输入' },
  UNAUTHENTICATED: {
    en: 'Please sign in again: your session is missing or has expired.',
    zh: '请重新登录：会话缺失或已过期。',
  },
  FORBIDDEN: { en: 'Your organization may not do this.', zh: '您所在的单位无权执行此操作。' },
  NOT_FOUND: { en: 'This record does not exist or is not visible to you.', zh: '该记录不存在或您无权查看。' },
  CONFLICT: { en: 'This clashes with an existing record', zh: '与已有记录冲突' },
  QUERY_COST_EXCEEDED: {
    en: 'This view asked for too much at once; load fewer rows.',
    zh: '请求的数据过多，请减少每页条数。',
  },
  SUBGRAPH_UNAVAILABLE: {
    en: 'A member service did not answer; the rest is shown. Try again shortly.',
    zh: '某成员服务未响应，已显示其余内容，请稍后重试。',
  },
  NETWORK_ERROR: { en: 'The server could not be reached.', zh: '无法连接服务器。' },
};

/** Codes whose server message explains the refusal itself (the rule that was broken). */
const EXPLAINED_BY_SERVER = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN']);

/** A sentence a person understands, for one error of an answer. */
export function describeError(error: ApiError, lang: Lang, requestId?: string | null): string {
  const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const known = MESSAGES[code];
  if (!known) {
    const id = error.extensions?.requestId ?? requestId;
    return lang === 'zh'
      ? `出现意外错误。请向支持人员提供请求编号 ${id ?? '（无）'}。`
      : `Something went wrong on our side. Quote request id ${id ?? '(none)'} to support.`;
  }
  return EXPLAINED_BY_SERVER.has(code) ? `${known[lang]}: ${error.message}` : known[lang];
}
