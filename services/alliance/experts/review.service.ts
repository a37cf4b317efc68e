import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hasRole, isOrganization } from '../../../shared/access';
import type { AuditLog } from '../../../shared/audit';
import { violates } from '../../../shared/database';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Caller, OrganizationRef } from '../../../shared/identity';
import { once, type IdempotentRequest } from '../../../shared/idempotency';
import type { PeerClient } from '../../../shared/peers';
import { secretariatOf } from '../alliances/secretariat';
import type { ExpertEntity } from './expert.entity';
import type { ExpertReviewEntity } from './expert-review.entity';
import type { ProjectEntity } from '../projects/project.entity';
import type { ExpertRepository } from './expert.repository';
import { isActive } from '../projects/lifecycle';
import type { RegisterExpertInput, SubmitReviewInput } from '../generated/graphql';
import { assertExisting, kindOfApi, type OrganizationKind } from '../organizations';
import type { ProjectRepository } from '../projects/project.repository';

const SCORES = ['technicalMaturity', 'marketDemand', 'strategicFit', 'team'] as const;

/** Checks a review's shape; throws BAD_USER_INPUT naming the first offending field. */
export function validateReview(input: SubmitReviewInput): void {
  for (const score of SCORES) {
    const value = input.scores[score];
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      throw new BadUserInputError(`${score} must be a whole score from 1 to 5`, `input.scores.${score}`);
    }
  }
  if (!input.comments.trim()) throw new BadUserInputError('comments must not be empty', 'input.comments');
  if (input.comments.length > 10_000) {
    throw new BadUserInputError('comments must be at most 10000 characters', 'input.comments');
  }
}

/**
 * The alliances' technical expert committees. A token maps to an Expert by its subject
 * (`sub`): an alliance's secretariat registers each expert of its committee with the subject
 * of the expert's tokens, and a caller with role EXPERT writes reviews, of its alliance's
 * projects only, as the expert registered under its subject.
 */
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly experts: ExpertRepository,
    private readonly projects: ProjectRepository,
    private readonly peers: PeerClient,
  ) {}

  /**
   * Registers an expert in the committee of `input.allianceId` (the first alliance when left
   * out), by that alliance's secretariat. With an idempotency key, a retry returns the first
   * expert instead of a CONFLICT on its subject.
   */
  async register(
    input: RegisterExpertInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<ExpertEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareRegistration(input, caller),
        idOf: (expert) => expert.id,
        load: async (id) => {
          const [expert] = await this.experts.findByIds([id]);
          if (!expert) throw new NotFoundError('Expert', id);
          return expert;
        },
      });
    } catch (error) {
      if (violates(error, 'expert_subject_once')) {
        throw new ConflictError(`an expert with subject ${input.subject.trim()} is registered already`, {
          field: 'input.subject',
        });
      }
      throw error;
    }
  }

  /** The checks of a registration (the affiliation with the subgraph that owns it), then its write. */
  private async prepareRegistration(
    input: RegisterExpertInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<ExpertEntity>> {
    const alliance = await secretariatOf(
      this.db,
      caller,
      input.allianceId,
      'input.allianceId',
      'registers experts',
    );
    const subject = input.subject.trim();
    const name = input.name.trim();
    if (!subject) throw new BadUserInputError('subject must not be empty', 'input.subject');
    if (!name) throw new BadUserInputError('name must not be empty', 'input.name');
    const fields = (input.fields ?? []).map((f) => f.trim()).filter(Boolean);
    let affiliationType: OrganizationKind | null = null;
    let affiliationId: string | null = null;
    if (input.affiliation) {
      affiliationType = kindOfApi(input.affiliation.type) as OrganizationKind;
      affiliationId = input.affiliation.id.trim();
      await assertExisting(this.peers, caller, [
        { key: { kind: affiliationType, id: affiliationId }, field: 'input.affiliation.id' },
      ]);
    }
    const row = {
      id: `expert-${randomUUID()}`,
      allianceId: alliance.id,
      subject,
      name,
      title: input.title?.trim() || null,
      fields,
      affiliationType,
      affiliationId,
    };
    return (tx) =>
      this.experts.create(
        row,
        (within, created) =>
          this.audit.record(within, {
            operation: 'registerExpert',
            entityType: 'Expert',
            entityId: created.id,
            before: null,
            after: created,
          }),
        tx,
      );
  }

  /**
   * Records the calling expert's review of a project of the expert's own alliance (another
   * alliance's committee reviews its projects). Refused for an expert affiliated with the
   * project's institute (the institute of its achievement, read from the institutes
   * subgraph as the caller sees it) or its lead enterprise — by the affiliation the
   * secretariat registered or by the organization of the caller's token. With an idempotency
   * key, a retry returns the first review instead of a CONFLICT with it.
   */
  async submit(
    input: SubmitReviewInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<ExpertReviewEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareReview(input, caller),
        idOf: (review) => review.id,
        load: async (id) => {
          const [review] = await this.experts.findReviews([id]);
          if (!review) throw new NotFoundError('ExpertReview', id);
          return review;
        },
      });
    } catch (error) {
      if (violates(error, 'expert_review_once_per_stage')) {
        throw new ConflictError('You have reviewed this project at its current stage already', {
          field: 'input.projectId',
        });
      }
      throw error;
    }
  }

  /** The checks of a review (the expert's independence, with the institutes subgraph), then its write. */
  private async prepareReview(
    input: SubmitReviewInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<ExpertReviewEntity>> {
    if (!hasRole(caller, 'EXPERT') || !caller.subject) {
      throw new ForbiddenError('Only experts of the technical expert committee write reviews');
    }
    const expert = await this.experts.bySubject(caller.subject);
    if (!expert) {
      throw new ForbiddenError(`No expert of the committee is registered for the subject ${caller.subject}`);
    }
    validateReview(input);
    const [project] = await this.projects.findByIds([input.projectId]);
    if (!project) throw new NotFoundError('Project', input.projectId, 'input.projectId');
    if (project.allianceId !== expert.allianceId) {
      throw new ForbiddenError(
        `${expert.name} sits on the expert committee of alliance ${expert.allianceId}, so cannot review project ${project.code} of alliance ${project.allianceId}: its own committee does`,
      );
    }
    await this.assertIndependent(expert, project, caller);

    const review = {
      id: randomUUID(),
      projectId: project.id,
      expertId: expert.id,
      ...input.scores,
      recommendation: input.recommendation,
      comments: input.comments.trim(),
    };
    return async (tx) => {
      const created = await this.experts.createReview(
        review,
        (locked) => {
          if (!isActive(locked.stage)) {
            throw new ConflictError(
              `The project is ${locked.stage}: the committee reviews projects at an active stage`,
              { field: 'input.projectId', stage: locked.stage },
            );
          }
        },
        (within, recorded) =>
          this.audit.record(within, {
            operation: 'submitReview',
            entityType: 'ExpertReview',
            entityId: recorded.id,
            before: null,
            after: recorded,
          }),
        tx,
      );
      if (!created) throw new NotFoundError('Project', input.projectId, 'input.projectId');
      return created;
    };
  }

  private async assertIndependent(
    expert: ExpertEntity,
    project: ProjectEntity,
    caller: Caller,
  ): Promise<void> {
    // A reference check: the institute of a CONFIDENTIAL achievement is needed to judge an
    // expert who may not read the achievement itself.
    const achievements = await this.peers.references<{ id: string; institute: { id: string } | null }>(
      'institutes',
      'Achievement',
      [project.achievementId],
      'institute { id }',
      caller,
    );
    const instituteId = achievements.get(project.achievementId)?.institute?.id;
    if (!instituteId) {
      // Fail closed: without the institute, independence cannot be checked.
      throw new ForbiddenError(
        "This project's achievement has no institute on record, so your independence from it cannot be checked",
      );
    }
    const interested: { org: OrganizationRef; what: string }[] = [
      {
        org: { type: 'institute', id: instituteId },
        what: `the institute (${instituteId}) of its achievement`,
      },
      {
        org: { type: 'enterprise', id: project.leadEnterpriseId },
        what: `its lead enterprise (${project.leadEnterpriseId})`,
      },
    ];
    for (const { org, what } of interested) {
      const registered = expert.affiliationType === org.type && expert.affiliationId === org.id;
      if (registered || isOrganization(caller, org)) {
        throw new ForbiddenError(
          `Conflict of interest: ${expert.name} is affiliated with ${what}, so cannot review project ${project.code}`,
        );
      }
    }
  }
}
