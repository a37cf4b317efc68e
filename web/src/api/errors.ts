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
  OUTCOME_UNKNOWN: {
    en: 'The change may or may not have been made: the server did not confirm it. Send it again; it will not be made twice.',
    zh: '服务器未确认该操作是否完成。请再次提交，不会重复执行。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This retry differs from the first attempt; reload the page and try again.',
    zh: '重试内容与首次提交不同，请刷新页面后重试。',
  },
  GRAPHQL_VALIDATION_FAILED: {
    en: 'The server refused this request as too large or malformed; load fewer rows.',
    zh: '请求过大或格式有误，已被服务器拒绝，请减少条数。',
  },
  GRAPHQL_PARSE_FAILED: {
    en: 'The server refused this request as too large or malformed; load fewer rows.',
    zh: '请求过大或格式有误，已被服务器拒绝，请减少条数。',
  },
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
  const detail = conflictDetail(error, lang);
  if (detail) return `${known[lang]}: ${detail}`;
  return EXPLAINED_BY_SERVER.has(code) ? `${known[lang]}: ${error.message}` : known[lang];
}

type Amount = { amount?: unknown; currency?: unknown };
const isAmount = (value: unknown): value is { amount: string; currency: string } =>
  typeof (value as Amount | null)?.amount === 'string' && typeof (value as Amount).currency === 'string';

/**
 * The two refusals the rules are most often read from, in the person's language: a period
 * already taken (`extensions.taken`) and more money than a fund has left
 * (`extensions.available`). Other conflicts keep the server's sentence.
 */
function conflictDetail(error: ApiError, lang: Lang): string | null {
  const ext = error.extensions ?? {};
  if (ext.code !== 'CONFLICT') return null;
  const taken = ext.taken as { start?: unknown; end?: unknown; status?: unknown } | undefined;
  if (taken && typeof taken.start === 'string' && typeof taken.end === 'string') {
    const status = typeof taken.status === 'string' ? taken.status : '';
    return lang === 'zh'
      ? `该设施在 ${taken.start} 至 ${taken.end}（不含）已被预订（${status}），请选择其他日期或设施。`
      : `the facility is already booked from ${taken.start} until ${taken.end} (${status}); choose other dates or another facility.`;
  }
  if (isAmount(ext.available)) {
    const available = `${ext.available.amount} ${ext.available.currency}`;
    return lang === 'zh'
      ? `基金可承诺余额仅剩 ${available}，少于所申请金额。`
      : `the fund has only ${available} left to commit, less than this amount.`;
  }
  return null;
}

/**
 * The errors of an answer a view announces: all but a FORBIDDEN inside the data, which the
 * view marks in place ("visible to members") instead. One line per distinct sentence.
 */
export function errorsToAnnounce(errors: readonly ApiError[]): ApiError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const nested = (e.path?.length ?? 0) > 1;
    if (nested && e.extensions?.code === 'FORBIDDEN') return false;
    const key = `${e.extensions?.code ?? ''}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether an error of the answer sits at `path` (or below it). */
export function hasErrorAt(errors: readonly ApiError[], path: readonly (string | number)[]): boolean {
  return errors.some((e) => e.path && path.every((segment, i) => e.path![i] === segment));
}
