import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditLog } from '../../../shared/audit';
import { violates } from '../../../shared/database';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { once, type IdempotentRequest } from '../../../shared/idempotency';
import type { PeerClient } from '../../../shared/peers';
import { assertOwnAlliance, secretariatOf, secretariatsAlliance } from '../alliances/secretariat';
import type { ProjectEntity } from './project.entity';
import type { ChangeProjectStageInput, CreateProjectInput } from '../generated/graphql';
import { assertTransition } from './lifecycle';
import type { ProjectRepository } from './project.repository';

const CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

/** Checks input shape; throws BAD_USER_INPUT naming the first offending field. */
export function validateCreateProject(input: CreateProjectInput): void {
  if (!CODE.test(input.code)) {
    throw new BadUserInputError('code must be 3–32 upper-case letters, digits and dashes', 'input.code');
  }
  if (!input.title.trim()) throw new BadUserInputError('title must not be empty', 'input.title');
  if (input.title.length > 200)
    throw new BadUserInputError('title must be at most 200 characters', 'input.title');
  if (input.stage && input.stage !== 'DOCKING') {
    throw new BadUserInputError(`a new project starts at DOCKING, not ${input.stage}`, 'input.stage');
  }
  if (!input.achievementId.trim())
    throw new BadUserInputError('achievementId must not be empty', 'input.achievementId');
  if (!input.leadEnterpriseId.trim())
    throw new BadUserInputError('leadEnterpriseId must not be empty', 'input.leadEnterpriseId');
  if (input.keyProjectKind && !input.keyProject) {
    throw new BadUserInputError(
      'only a key project has a kind: set keyProject to true',
      'input.keyProjectKind',
    );
  }
}

/** Creating projects and moving them along the lifecycle: the rules around the repository. */
export class ProjectService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly projects: ProjectRepository,
    private readonly peers: PeerClient,
  ) {}

  /**
   * Docks an achievement with an enterprise. The references are checked with the subgraphs
   * that own them before anything is written. The achievement's is a reference check: the
   * secretariat docks CONFIDENTIAL achievements too, whose content it still may not read.
   * With an idempotency key, a retry returns the first project instead of a CONFLICT on its code.
   */
  async create(
    input: CreateProjectInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<ProjectEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareCreate(input, caller),
        idOf: (project) => project.id,
        load: async (id) => {
          const [project] = await this.projects.findByIds([id]);
          if (!project) throw new NotFoundError('Project', id);
          return project;
        },
      });
    } catch (error) {
      if (violates(error, 'project_code_key')) {
        throw new ConflictError(`a project with code ${input.code} already exists`, { field: 'input.code' });
      }
      throw error;
    }
  }

  /** The checks of a new project (its references with their subgraphs), then its write. */
  private async prepareCreate(
    input: CreateProjectInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<ProjectEntity>> {
    const alliance = await secretariatOf(
      this.db,
      caller,
      input.allianceId,
      'input.allianceId',
      'docks projects',
    );
    validateCreateProject(input);
    const [achievements, enterprises] = await Promise.all([
      this.peers.references('institutes', 'Achievement', [input.achievementId], '', caller),
      this.peers.existing('enterprises', 'Enterprise', [input.leadEnterpriseId], caller),
    ]);
    if (!achievements.has(input.achievementId))
      throw new NotFoundError('Achievement', input.achievementId, 'input.achievementId');
    if (!enterprises.has(input.leadEnterpriseId)) {
      throw new NotFoundError('Enterprise', input.leadEnterpriseId, 'input.leadEnterpriseId');
    }
    const row = {
      id: randomUUID(),
      allianceId: alliance.id,
      code: input.code,
      title: input.title.trim(),
      summary: input.summary?.trim() ?? '',
      keyProject: input.keyProject ?? false,
      keyProjectKind: input.keyProjectKind ?? null,
      achievementId: input.achievementId,
      leadEnterpriseId: input.leadEnterpriseId,
    };
    return (tx) =>
      this.projects.create(
        row,
        caller.subject ?? 'unknown',
        'Docked an achievement with an enterprise',
        (within, created) =>
          this.audit.record(within, {
            operation: 'createProject',
            entityType: 'Project',
            entityId: created.id,
            before: null,
            after: created,
          }),
        tx,
      );
  }

  /**
   * Moves a project to another stage (lifecycle.ts has the rules). The state is read and
   * the change recorded under the project's row lock, so concurrent moves serialize.
   */
  async changeStage(input: ChangeProjectStageInput, caller: Caller): Promise<ProjectEntity> {
    const own = await secretariatsAlliance(this.db, caller, 'moves projects');
    const reason = input.reason.trim();
    if (!reason) throw new BadUserInputError('reason must not be empty', 'input.reason');
    if (reason.length > 2000)
      throw new BadUserInputError('reason must be at most 2000 characters', 'input.reason');
    const moved = await this.projects.changeStage(
      input.projectId,
      (project, state) => {
        assertOwnAlliance(own, project, 'moves its projects');
        if (input.from && input.from !== project.stage) {
          throw new ConflictError(
            `The project moved from ${input.from} to ${project.stage} meanwhile; nothing was changed`,
            { field: 'input.from', stage: project.stage },
          );
        }
        assertTransition(state, input.to);
        return input.to;
      },
      caller.subject ?? 'unknown',
      reason,
      (tx, before, after) =>
        this.audit.record(tx, {
          operation: 'changeProjectStage',
          entityType: 'Project',
          entityId: after.id,
          before,
          // The reason is the history's; the entry keeps it beside the stage it explains.
          after: { ...after, stageChangeReason: reason },
        }),
    );
    if (!moved) throw new NotFoundError('Project', input.projectId, 'input.projectId');
    return moved;
  }
}
