import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { parseDay } from '../../shared/dates';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import type { PeerClient } from '../../shared/peers';
import { isSecretariat } from './access';
import type { MemberEntity } from './entities/member.entity';
import type { MemberChange, MemberRepository } from './member.repository';
import type { AdmitMemberInput, UpdateMemberInput } from './generated/graphql';
import { assertExisting, kindOfApi, type OrganizationKind } from './organizations';

/** The member register's rules: only the secretariat admits and changes members. */
export class MemberService {
  constructor(
    private readonly audit: AuditLog,
    private readonly members: MemberRepository,
    private readonly peers: PeerClient,
  ) {}

  async admit(input: AdmitMemberInput, caller: Caller): Promise<MemberEntity> {
    if (!isSecretariat(caller)) throw new ForbiddenError('Only the alliance secretariat admits members');
    const joinedOn = parseDay(input.joinedOn, 'input.joinedOn');
    const organizationId = input.organization.id.trim();
    if (!organizationId)
      throw new BadUserInputError('organization.id must not be empty', 'input.organization.id');
    const organizationType = kindOfApi(input.organization.type) as OrganizationKind;
    await assertExisting(this.peers, caller, [
      { key: { kind: organizationType, id: organizationId }, field: 'input.organization.id' },
    ]);
    try {
      return await this.members.create(
        {
          id: `member-${randomUUID()}`,
          organizationType,
          organizationId,
          role: input.role,
          joinedOn,
        },
        (tx, created) =>
          this.audit.record(tx, {
            operation: 'admitMember',
            entityType: 'Member',
            entityId: created.id,
            before: null,
            after: created,
          }),
      );
    } catch (error) {
      if (violates(error, 'member_organization_once')) {
        throw new ConflictError(`${input.organization.type} ${organizationId} is a member already`, {
          field: 'input.organization',
        });
      }
      if (violates(error, 'member_one_chairman')) {
        throw new ConflictError('The alliance has a chairman unit already', { field: 'input.role' });
      }
      throw error;
    }
  }

  async update(input: UpdateMemberInput, caller: Caller): Promise<MemberEntity> {
    if (!isSecretariat(caller)) throw new ForbiddenError('Only the alliance secretariat changes members');
    const leftOn = input.leftOn ? parseDay(input.leftOn, 'input.leftOn') : null;
    try {
      const updated = await this.members.update(
        input.id,
        (member) => {
          const change: MemberChange = {};
          if (input.role) change.role = input.role;
          const status = input.status ?? member.status;
          if (status === 'WITHDRAWN') {
            const left = leftOn ?? member.leftOn;
            if (!left) throw new BadUserInputError('a withdrawn member needs leftOn', 'input.leftOn');
            if (left < member.joinedOn) {
              throw new BadUserInputError(
                `leftOn must not be before joinedOn (${member.joinedOn})`,
                'input.leftOn',
              );
            }
            change.leftOn = left;
          } else {
            if (leftOn) throw new BadUserInputError('only a WITHDRAWN member has leftOn', 'input.leftOn');
            change.leftOn = null;
          }
          change.status = status;
          return change;
        },
        (tx, before, after) =>
          this.audit.record(tx, {
            operation: 'updateMember',
            entityType: 'Member',
            entityId: after.id,
            before,
            after,
          }),
      );
      if (!updated) throw new NotFoundError('Member', input.id, 'input.id');
      return updated;
    } catch (error) {
      if (violates(error, 'member_one_chairman')) {
        throw new ConflictError('The alliance has a chairman unit already', { field: 'input.role' });
      }
      throw error;
    }
  }
}
