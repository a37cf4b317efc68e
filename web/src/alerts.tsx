import type { ApiError } from './api/client';
import { describeError } from './api/errors';
import { useLang } from './i18n';

/** Errors as sentences a person understands, announced to screen readers. */
export function Alerts({ errors, requestId }: { errors: readonly ApiError[]; requestId?: string | null }) {
  const { lang } = useLang();
  if (!errors.length) return null;
  return (
    <div role="alert" className="alerts">
      {errors.map((error, i) => (
        <p key={i}>{describeError(error, lang, requestId)}</p>
      ))}
    </div>
  );
}
