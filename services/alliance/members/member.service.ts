import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditLog } from '../../../shared/audit';
import { violates } from '../../../shared/database';
import { parseDay } from '../../../shared/dates';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { once, type IdempotentRequest } from '../../../shared/idempotency';
import type { PeerClient } from '../../../shared/peers';
import { assertOwnAlliance, secretariatOf, secretariatsAlliance } from '../alliances/secretariat';
import type { MemberEntity } from './member.entity';
import type { MemberChange, MemberRepository } from './member.repository';
import type { AdmitMemberInput, UpdateMemberInput } from '../generated/graphql';
import { assertExisting, kindOfApi, type OrganizationKind } from '../organizations';

/** The member register's rules: only the secretariat admits and changes members. */
export class MemberService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly members: MemberRepository,
    private readonly peers: PeerClient,
  ) {}

  /**
   * Admits an organization (the secretariat). With an idempotency key, a retry returns the
   * first membership instead of a CONFLICT with it.
   */
  async admit(
    input: AdmitMemberInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<MemberEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareAdmission(input, caller),
        idOf: (member) => member.id,
        load: async (id) => {
          const [member] = await this.members.findByIds([id]);
          if (!member) throw new NotFoundError('Member', id);
          return member;
        },
      });
    } catch (error) {
      if (violates(error, 'member_organization_once')) {
        throw new ConflictError(
          `${input.organization.type} ${input.organization.id.trim()} is a member of this alliance already`,
          { field: 'input.organization' },
        );
      }
      if (violates(error, 'member_one_chairman')) {
        throw new ConflictError('The alliance has a chairman unit already', { field: 'input.role' });
      }
      throw error;
    }
  }

  /** The checks of an admission (the organization with the subgraph that owns it), then its write. */
  private async prepareAdmission(
    input: AdmitMemberInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<MemberEntity>> {
    const alliance = await secretariatOf(
      this.db,
      caller,
      input.allianceId,
      'input.allianceId',
      'admits members',
    );
    const joinedOn = parseDay(input.joinedOn, 'input.joinedOn');
    const organizationId = input.organization.id.trim();
    if (!organizationId)
      throw new BadUserInputError('organization.id must not be empty', 'input.organization.id');
    const organizationType = kindOfApi(input.organization.type) as OrganizationKind;
    await assertExisting(this.peers, caller, [
      { key: { kind: organizationType, id: organizationId }, field: 'input.organization.id' },
    ]);
    const row = {
      id: `member-${randomUUID()}`,
      allianceId: alliance.id,
      organizationType,
      organizationId,
      role: input.role,
      joinedOn,
    };
    return (tx) =>
      this.members.create(
        row,
        (within, created) =>
          this.audit.record(within, {
            operation: 'admitMember',
            entityType: 'Member',
            entityId: created.id,
            before: null,
            after: created,
          }),
        tx,
      );
  }

  async update(input: UpdateMemberInput, caller: Caller): Promise<MemberEntity> {
    const own = await secretariatsAlliance(this.db, caller, 'changes members');
    const leftOn = input.leftOn ? parseDay(input.leftOn, 'input.leftOn') : null;
    try {
      const updated = await this.members.update(
        input.id,
        (member) => {
          assertOwnAlliance(own, member, 'changes its members');
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
