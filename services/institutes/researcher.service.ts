import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { BadUserInputError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import { optionalText, requiredText } from '../../shared/validation';
import { requireEditorOf, requireInstituteEditor } from './access';
import type { ResearcherEntity } from './entities/researcher.entity';
import type { AddResearcherInput, SetInventorsInput } from './generated/graphql';
import type { InstituteRepository } from './institute.repository';
import type { ResearcherRepository } from './researcher.repository';
import { inventorShares } from './validation';

/** An institute's researchers and their part in its achievements as inventors. */
export class ResearcherService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly institutes: InstituteRepository,
    private readonly researchers: ResearcherRepository,
  ) {}

  async setInventors(input: SetInventorsInput, caller: Caller): Promise<void> {
    requireInstituteEditor(caller);
    const inventors = inventorShares(input.inventors, 'input.inventors');
    const found = await this.researchersById(inventors.map((i) => i.researcherId));
    inventors.forEach((inventor, index) => {
      if (!found.has(inventor.researcherId)) {
        throw new NotFoundError(
          'Researcher',
          inventor.researcherId,
          `input.inventors[${index}].researcherId`,
        );
      }
    });
    let replaced: boolean;
    try {
      replaced = await this.researchers.replaceInventors(
        input.achievementId,
        caller,
        (instituteId) => requireEditorOf(caller, instituteId),
        inventors,
        (tx, before, after) =>
          this.audit.record(tx, {
            operation: 'setInventors',
            entityType: 'Achievement',
            entityId: input.achievementId,
            before: { inventors: before },
            after: { inventors: after },
          }),
      );
    } catch (error) {
      if (violates(error, 'inventor_shares_sum_100')) {
        throw new BadUserInputError('input.inventors shares must sum to exactly 100', 'input.inventors');
      }
      throw error;
    }
    if (!replaced) throw new NotFoundError('Achievement', input.achievementId, 'input.achievementId');
  }

  /**
   * Adds a researcher to an institute (its editors). With an idempotency key, a retry returns
   * the first researcher instead of adding a second.
   */
  async addResearcher(
    input: AddResearcherInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<ResearcherEntity> {
    return once(this.db, 'institutes', idempotency, {
      prepare: () => this.prepareResearcher(input, caller),
      idOf: (researcher) => researcher.id,
      load: async (id) => {
        const [researcher] = await this.researchers.findByIds([id]);
        if (!researcher) throw new NotFoundError('Researcher', id);
        return researcher;
      },
    });
  }

  private async prepareResearcher(
    input: AddResearcherInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<ResearcherEntity>> {
    requireInstituteEditor(caller);
    const row = {
      id: randomUUID(),
      instituteId: input.instituteId,
      name: requiredText(input.name, 'input.name', 200),
      title: optionalText(input.title, 'input.title', 200) || null,
      illustrative: false,
    };
    const [institute] = await this.institutes.findByIds([input.instituteId]);
    if (!institute) throw new NotFoundError('Institute', input.instituteId, 'input.instituteId');
    requireEditorOf(caller, institute.id);
    return async (tx) => {
      const researcher = await this.researchers.insert(row, tx);
      await this.audit.record(tx, {
        operation: 'addResearcher',
        entityType: 'Researcher',
        entityId: researcher.id,
        before: null,
        after: researcher,
      });
      return researcher;
    };
  }

  private async researchersById(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    return new Set((await this.researchers.findByIds(ids)).map((r) => r.id));
  }
}
