import type { DataSource } from 'typeorm';
import type { AuditLog } from '../../../shared/audit';
import { QueryFailedError } from 'typeorm';
import { BadUserInputError } from '../../../shared/errors';
import { ANONYMOUS, type Caller } from '../../../shared/identity';
import { Decimal } from '../../../shared/money';
import type { PeerClient } from '../../../shared/peers';
import { managesFund, visibleInvestments } from '../access';
import { chinaToday } from '../../../shared/dates';
import { recordDay } from '../dates';
import type { FundEntity } from '../entities/fund.entity';
import type { CommitInvestmentInput } from '../generated/graphql';
import type { FundRepository } from '../fund.repository';
import type { InvestmentRepository } from '../investment.repository';
import { deviationsFromMandate, validateCommitment } from '../commitment';
import { INVESTMENT_TRANSITIONS } from '../investment-lifecycle';
import { InvestmentService } from '../investment.service';

const today = '2026-11-23';
const input: CommitInvestmentInput = {
  fundId: 'f',
  projectId: 'p',
  stage: 'PILOT',
  instrument: 'EQUITY',
  amount: '1000.00',
  focusArea: 'advanced materials',
};

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).extensions.field;
  }
  throw new Error('expected a BadUserInputError');
}

describe('a commitment', () => {
  test('is exact to the fen and dated today when no date is given', () => {
    const valid = validateCommitment({ ...input, amount: '1250000.05' }, today);
    expect(valid.amount.toFixed(2)).toBe('1250000.05');
    expect(valid.committedOn).toBe(today);
    expect(valid.target).toEqual({ projectId: 'p', enterpriseId: null });
  });
  test.each([
    [{ amount: '0' }, 'input.amount'],
    [{ amount: '-1.00' }, 'input.amount'],
    [{ amount: '1.001' }, 'input.amount'],
    [{ amount: '1e3' }, 'input.amount'],
    [{ projectId: null }, 'input.projectId'],
    [{ enterpriseId: 'e' }, 'input.enterpriseId'],
    [{ focusArea: '' }, 'input.focusArea'],
    [{ committedOn: '2026-11-24' }, 'input.committedOn'],
    [{ committedOn: '2026-02-30' }, 'input.committedOn'],
    [{ fundId: ' ' }, 'input.fundId'],
  ])('%p is refused naming %s', (change, field) => {
    expect(fieldOf(() => validateCommitment({ ...input, ...change }, today))).toBe(field);
  });
});

describe("a fund's mandate", () => {
  const fund = {
    stages: ['PILOT', 'GROWTH'] as FundEntity['stages'],
    focusAreas: ['Advanced Materials', 'fine chemicals'],
  };
  test('inside: no deviation (focus areas compare ignoring case and spaces around)', () => {
    expect(deviationsFromMandate(fund, 'PILOT', ' advanced materials ')).toEqual([]);
  });
  test('outside the stages, the focus areas, or both', () => {
    expect(deviationsFromMandate(fund, 'PROOF_OF_CONCEPT', 'fine chemicals')).toEqual(['STAGE']);
    expect(deviationsFromMandate(fund, 'GROWTH', 'biomedicine')).toEqual(['FOCUS_AREA']);
    expect(deviationsFromMandate(fund, 'INDUSTRIALIZATION', 'biomedicine')).toEqual(['STAGE', 'FOCUS_AREA']);
  });
  test('a fund listing no stages or no focus areas is not restricted there', () => {
    expect(deviationsFromMandate({ stages: [], focusAreas: [] }, 'GROWTH', 'anything')).toEqual([]);
  });
});

describe('dates a fund records', () => {
  test('are not in the future nor before the previous date', () => {
    expect(recordDay(undefined, 'on', today)).toBe(today);
    expect(recordDay('2026-01-01', 'on', today, { day: '2025-06-01', what: 'its commitment' })).toBe(
      '2026-01-01',
    );
    expect(fieldOf(() => recordDay('2026-11-24', 'on', today))).toBe('on');
    expect(fieldOf(() => recordDay('2025-05-31', 'on', today, { day: '2025-06-01', what: 'x' }))).toBe('on');
  });
  test('today is the date in China', () => {
    expect(chinaToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

test('the investment lifecycle only ever moves forward', () => {
  expect(INVESTMENT_TRANSITIONS.disburse).toMatchObject({ from: ['COMMITTED'], to: 'DISBURSED' });
  expect(INVESTMENT_TRANSITIONS.exit).toMatchObject({ from: ['DISBURSED'], to: 'EXITED' });
  const leaving = new Set(Object.values(INVESTMENT_TRANSITIONS).flatMap((t) => t.from));
  expect(leaving.has('EXITED')).toBe(false);
  expect(leaving.has('WRITTEN_OFF')).toBe(false);
});

describe('visibility', () => {
  test('anonymous callers see PUBLIC investments only', () => {
    expect(visibleInvestments(ANONYMOUS)).toEqual({ sql: `i.visibility = 'PUBLIC'`, params: {} });
  });
  test('members see MEMBERS too; the fund and the target enterprise see CONFIDENTIAL ones', () => {
    const fund: Caller = { subject: 'u', organization: { type: 'fund', id: 'cas-amif' }, roles: ['VIEWER'] };
    const enterprise: Caller = {
      subject: 'u',
      organization: { type: 'enterprise', id: 'levima' },
      roles: [],
    };
    expect(visibleInvestments(fund, 'x').sql).toContain(`x.visibility IN ('PUBLIC', 'MEMBERS')`);
    expect(visibleInvestments(fund).params).toEqual({ viewerFund: 'cas-amif', viewerEnterprise: null });
    expect(visibleInvestments(enterprise).params).toEqual({ viewerFund: null, viewerEnterprise: 'levima' });
  });
  test("only the fund's editors manage it", () => {
    const editor: Caller = {
      subject: 'u',
      organization: { type: 'fund', id: 'cas-amif' },
      roles: ['EDITOR'],
    };
    expect(managesFund(editor, 'cas-amif')).toBe(true);
    expect(managesFund(editor, 'cas-holdings')).toBe(false);
    expect(managesFund({ ...editor, roles: ['VIEWER'] }, 'cas-amif')).toBe(false);
  });
});

describe('the commitment that hits the database ceiling', () => {
  const editor: Caller = { subject: 'fund:f#u', organization: { type: 'fund', id: 'f' }, roles: ['EDITOR'] };
  const fund = {
    id: 'f',
    status: 'INVESTING',
    size: '1000.00',
    committed: '900.00',
    currency: 'CNY',
    stages: [],
    focusAreas: [],
  } as unknown as FundEntity;

  test('is a CONFLICT with the amount available read afresh', async () => {
    // As if a writer had skipped the fund lock: PostgreSQL's CHECK still refuses.
    const investments = {
      commit: async () => {
        throw new QueryFailedError(
          'INSERT',
          [],
          Object.assign(new Error('check'), {
            code: '23514',
            constraint: 'fund_committed_within_size',
          }),
        );
      },
      availableIn: async () => ({ available: new Decimal('100.00'), currency: 'CNY' }),
    } as unknown as InvestmentRepository;
    const service = new InvestmentService(
      // The write runs in the transaction the service opens; the refusal comes from inside it.
      { transaction: (write: (tx: unknown) => unknown) => write({}) } as unknown as DataSource,
      { record: async () => undefined } as unknown as AuditLog,
      { findByIds: async () => [fund] } as unknown as FundRepository,
      investments,
      // The alliance subgraph resolves project p, in the CAS alliance.
      {
        entities: async () => new Map([['p', { id: 'p', alliance: { id: 'cas-advanced-materials' } }]]),
      } as unknown as PeerClient,
      () => today,
    );
    await expect(service.commit({ ...input, amount: '150.00' }, editor)).rejects.toMatchObject({
      extensions: {
        code: 'CONFLICT',
        field: 'input.amount',
        available: { amount: '100.00', currency: 'CNY' },
        requested: { amount: '150.00', currency: 'CNY' },
      },
    });
  });
});
