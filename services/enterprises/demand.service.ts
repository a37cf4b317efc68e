import type { DataSource, EntityManager } from 'typeorm';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import { parseAmount } from '../../shared/money';
import {
  isStringPair,
  pageRequest,
  toConnection,
  type Connection,
  type PageArgs,
} from '../../shared/pagination';
import { chinaToday, parseDay } from '../../shared/dates';
import { parseIpcCode } from '../../shared/ipc';
import {
  currencyCode,
  isGiven,
  keywordList,
  nextStatus,
  optionalText,
  requiredText,
  technologyFilter,
  trlLevel,
} from '../../shared/validation';
import { isEditorOf, isEnterpriseEditor } from './access';
import { demandKey, type DemandChanges, type DemandFilter, type DemandRepository } from './demand.repository';
import type { EnterpriseRepository } from './enterprise.repository';
import { DEMAND_STATUSES, type TechnologyDemandEntity } from './entities/technology-demand.entity';
import type {
  DemandStatus,
  PostTechnologyDemandInput,
  TechnologyDemandFilter,
  UpdateTechnologyDemandInput,
} from './generated/graphql';

/** Validates a filter; BAD_USER_INPUT names `filter.<field>`. */
export function parseDemandFilter(input: TechnologyDemandFilter | null | undefined): DemandFilter {
  if (!input) return {};
  const filter: DemandFilter = technologyFilter(input);
  if (input.enterpriseId) filter.enterpriseId = input.enterpriseId;
  if (input.status) filter.status = input.status;
  if (isGiven(input.achievableAtTrl)) {
    filter.achievableAtTrl = trlLevel(input.achievableAtTrl, 'filter.achievableAtTrl');
  }
  return filter;
}

/** Where a demand may go from each status. CLOSED is final. */
export const DEMAND_TRANSITIONS: Record<DemandStatus, DemandStatus[]> = {
  OPEN: ['IN_DOCKING', 'CLOSED'],
  IN_DOCKING: ['OPEN', 'MATCHED', 'CLOSED'],
  MATCHED: ['CLOSED'],
  CLOSED: [],
};

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;

/** A deadline: a real date, today or later. */
function deadline(value: string, field: string): string {
  const date = parseDay(value, field);
  if (date < chinaToday()) throw new BadUserInputError(`${field} must not be in the past`, field);
  return date;
}

function requireEditorOf(caller: Caller, enterpriseId: string): void {
  if (!isEditorOf(caller, enterpriseId)) {
    throw new ForbiddenError(`Only the editors of enterprise ${enterpriseId} change its demands`);
  }
}

/** The rules around technology demands: who may post and change them, and what is valid. */
export class DemandService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly demands: DemandRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async list(
    filterInput: TechnologyDemandFilter | null | undefined,
    args: PageArgs,
  ): Promise<Connection<TechnologyDemandEntity>> {
    const page = pageRequest(args, isStringPair, 'demands');
    const { rows, total } = await this.demands.page(parseDemandFilter(filterInput), page);
    return toConnection(rows, page, demandKey, total);
  }

  /**
   * Posts a demand for an enterprise (its editors). With an idempotency key, a retry returns
   * the first demand instead of posting a second.
   */
  async post(
    input: PostTechnologyDemandInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<TechnologyDemandEntity> {
    try {
      return await once(this.db, 'enterprises', idempotency, {
        prepare: () => this.preparePost(input, caller),
        idOf: (demand) => demand.id,
        load: async (id) => {
          const [demand] = await this.demands.findByIds([id]);
          if (!demand) throw new NotFoundError('TechnologyDemand', id);
          return demand;
        },
      });
    } catch (error) {
      if (violates(error, 'technology_demand_enterprise_fkey')) {
        throw new NotFoundError('Enterprise', input.enterpriseId, 'input.enterpriseId');
      }
      throw error;
    }
  }

  private async preparePost(
    input: PostTechnologyDemandInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<TechnologyDemandEntity>> {
    if (!isEnterpriseEditor(caller))
      throw new ForbiddenError("Only an enterprise's editors post its demands");
    const row = {
      id: randomUUID(),
      enterpriseId: input.enterpriseId,
      title: requiredText(input.title, 'input.title', TITLE_MAX),
      description: optionalText(input.description, 'input.description', DESCRIPTION_MAX),
      ipcCode: parseIpcCode(input.ipcCode, 'input.ipcCode'),
      keywords: keywordList(input.keywords, 'input.keywords'),
      minTrl: trlLevel(input.minTrl, 'input.minTrl'),
      budgetAmount: input.budgetAmount
        ? parseAmount(input.budgetAmount, 'input.budgetAmount').toFixed(2)
        : null,
      budgetCurrency: currencyCode(input.budgetCurrency, 'input.budgetCurrency'),
      deadline: input.deadline ? deadline(input.deadline, 'input.deadline') : null,
      status: 'OPEN' as const,
      illustrative: false,
    };
    const [enterprise] = await this.enterprises.findByIds([input.enterpriseId]);
    if (!enterprise) throw new NotFoundError('Enterprise', input.enterpriseId, 'input.enterpriseId');
    requireEditorOf(caller, enterprise.id);
    return async (tx) => {
      const demand = await this.demands.insert(row, tx);
      await this.audit.record(tx, {
        operation: 'postTechnologyDemand',
        entityType: 'TechnologyDemand',
        entityId: demand.id,
        before: null,
        after: demand,
      });
      return demand;
    };
  }

  async update(input: UpdateTechnologyDemandInput, caller: Caller): Promise<TechnologyDemandEntity> {
    if (!isEnterpriseEditor(caller))
      throw new ForbiddenError("Only an enterprise's editors change its demands");
    const changes: DemandChanges = {};
    if (isGiven(input.title)) changes.title = requiredText(input.title, 'input.title', TITLE_MAX);
    if (isGiven(input.description)) {
      changes.description = optionalText(input.description, 'input.description', DESCRIPTION_MAX);
    }
    if (isGiven(input.ipcCode)) changes.ipcCode = parseIpcCode(input.ipcCode, 'input.ipcCode');
    if (isGiven(input.keywords)) changes.keywords = keywordList(input.keywords, 'input.keywords');
    if (isGiven(input.minTrl)) changes.minTrl = trlLevel(input.minTrl, 'input.minTrl');
    if (isGiven(input.budgetAmount)) {
      changes.budgetAmount = parseAmount(input.budgetAmount, 'input.budgetAmount').toFixed(2);
    }
    if (isGiven(input.budgetCurrency)) {
      changes.budgetCurrency = currencyCode(input.budgetCurrency, 'input.budgetCurrency');
    }
    if (isGiven(input.deadline)) changes.deadline = deadline(input.deadline, 'input.deadline');
    if (isGiven(input.status) && !DEMAND_STATUSES.includes(input.status)) {
      throw new BadUserInputError('input.status is not a demand status', 'input.status');
    }
    const updated = await this.demands.change(
      input.demandId,
      (current) => {
        requireEditorOf(caller, current.enterpriseId);
        if (current.status === 'CLOSED') {
          throw new ConflictError(`demand ${current.id} is CLOSED and no longer changes`, {
            field: 'input.demandId',
          });
        }
        const status = nextStatus(DEMAND_TRANSITIONS, current.status, input.status, 'input.status', 'demand');
        return { ...changes, status };
      },
      (tx, before, after) =>
        this.audit.record(tx, {
          operation: 'updateTechnologyDemand',
          entityType: 'TechnologyDemand',
          entityId: after.id,
          before,
          after,
        }),
    );
    if (!updated) throw new NotFoundError('TechnologyDemand', input.demandId, 'input.demandId');
    return updated;
  }
}
