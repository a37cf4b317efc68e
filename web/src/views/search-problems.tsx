/** The sentences for an answer's errors, as the search view shows them. */
import type { ApiResult } from '../api/client';
import { describeError } from '../api/errors';
import type { Lang } from '../i18n';

export function Problems({ result, lang }: { result: ApiResult<unknown>; lang: Lang }) {
  if (result.errors.length === 0) return null;
  const sentences = [...new Set(result.errors.map((error) => describeError(error, lang, result.requestId)))];
  return (
    <div role="alert" className="problem">
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}
