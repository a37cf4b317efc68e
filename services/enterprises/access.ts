import { hasRole, isOrganization } from '../../shared/access';
import type { Caller } from '../../shared/identity';

/** True when the caller is an EDITOR speaking for this enterprise: only they change its records. */
export function isEditorOf(caller: Caller, enterpriseId: string): boolean {
  return hasRole(caller, 'EDITOR') && isOrganization(caller, { type: 'enterprise', id: enterpriseId });
}

/** True when the caller is an EDITOR of some enterprise (the first gate of every enterprises mutation). */
export function isEnterpriseEditor(caller: Caller): boolean {
  return hasRole(caller, 'EDITOR') && caller.organization?.type === 'enterprise';
}
