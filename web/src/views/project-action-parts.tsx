/** What every project action form shares: the project's shape, an outcome and how it is shown, a fieldset. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { Alerts } from '../alerts';
import type { ProjectPageQuery } from '../gql/graphql';

export type Project = NonNullable<ProjectPageQuery['project']>;

export interface Outcome {
  ok?: string;
  /** The form's own check, before asking the API. */
  invalid?: string;
  errors?: ApiError[];
  requestId?: string | null;
}

export function OutcomeView({ outcome }: { outcome: Outcome }) {
  return (
    <>
      {outcome.ok && <p role="status">{outcome.ok}</p>}
      {outcome.invalid && (
        <div role="alert" className="alerts">
          <p>{outcome.invalid}</p>
        </div>
      )}
      {outcome.errors && <Alerts errors={outcome.errors} requestId={outcome.requestId} />}
    </>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="action">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
