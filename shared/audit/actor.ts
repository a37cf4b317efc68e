import { formatOrganization, type Caller } from '../identity';

/** The header that carries the request's id from the gateway to a subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The most characters of a request id kept. */
export const MAX_REQUEST_ID = 128;

/**
 * The request id as it arrived, bounded: visible ASCII only (no spaces, no control
 * characters, nothing to forge a log line with), at most 128 characters; null when
 * nothing usable arrived.
 */
export function boundedRequestId(value: string | null | undefined): string | null {
  if (!value) return null;
  const safe = value.replace(/[^\x21-\x7e]/g, '').slice(0, MAX_REQUEST_ID);
  return safe || null;
}

/** Who made a change, and in which request. */
export interface AuditActor {
  /** The token's subject; null for a caller without one. */
  subject: string | null;
  /** `type:id` of the caller's organization. */
  organization: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
}

/** What a subgraph knows of a request besides its caller. */
export interface RequestMeta {
  requestId: string | null;
  idempotencyKey: string | null;
}

export function auditActor(caller: Caller, request: RequestMeta | undefined): AuditActor {
  return {
    subject: caller.subject,
    organization: caller.organization ? formatOrganization(caller.organization) : null,
    requestId: request?.requestId ?? null,
    idempotencyKey: request?.idempotencyKey ?? null,
  };
}
