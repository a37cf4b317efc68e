import { hasRole, isMember, isOrganization } from '../../shared/access';
import type { Caller } from '../../shared/identity';

/**
 * Who sees and changes investments. Fund profiles are public. An investment is PUBLIC
 * (anyone), MEMBERS (any member token) or CONFIDENTIAL (only the fund and, when the target
 * is an enterprise, that enterprise).
 */

/** Only the fund's own editors (organization `fund:<id>`) commit and change its investments. */
export function managesFund(caller: Caller, fundId: string): boolean {
  return isOrganization(caller, { type: 'fund', id: fundId }) && hasRole(caller, 'EDITOR');
}

/** A caller with the projects it is a party to (the projects its enterprise leads). */
export interface InvestmentViewer extends Caller {
  partyProjectIds: readonly string[];
}

/**
 * The SQL condition on `investment` (aliased `alias`) that keeps only what the caller may
 * see, with its parameters, for repositories to compose into their own statements. A
 * CONFIDENTIAL investment is seen by its fund, its target enterprise, and the lead
 * enterprise of its target project.
 */
export function visibleInvestments(
  caller: Caller,
  alias = 'i',
): { sql: string; params: Record<string, unknown> } {
  if (!isMember(caller)) return { sql: `${alias}.visibility = 'PUBLIC'`, params: {} };
  const org = caller.organization;
  const partyProjects = 'partyProjectIds' in caller ? (caller as InvestmentViewer).partyProjectIds : [];
  const params: Record<string, unknown> = {
    viewerFund: org?.type === 'fund' ? org.id : null,
    viewerEnterprise: org?.type === 'enterprise' ? org.id : null,
  };
  if (partyProjects.length) params.partyProjects = partyProjects;
  return {
    sql:
      `(${alias}.visibility IN ('PUBLIC', 'MEMBERS') OR ${alias}.fund_id = :viewerFund OR ${alias}.enterprise_id = :viewerEnterprise` +
      // One array parameter however many projects the caller leads (not one per id).
      (partyProjects.length ? ` OR ${alias}.project_id = ANY(:partyProjects)` : '') +
      ')',
    params,
  };
}
