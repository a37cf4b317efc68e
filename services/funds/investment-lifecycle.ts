import type { InvestmentStatus } from './generated/graphql';

/** What a fund can do with an investment after committing it. */
export type InvestmentAction = 'disburse' | 'exit' | 'writeOff';

/**
 * The investment lifecycle: COMMITTED → DISBURSED → EXITED, and WRITTEN_OFF from COMMITTED
 * (a commitment that will not be paid) or DISBURSED (money lost). Money stops binding the
 * fund when an investment is exited or written off.
 */
export const INVESTMENT_TRANSITIONS: Record<
  InvestmentAction,
  {
    from: readonly InvestmentStatus[];
    to: InvestmentStatus;
    date: 'disbursedOn' | 'closedOn';
    /** The mutation that makes it, as the audit trail names it. */
    operation: string;
  }
> = {
  disburse: { from: ['COMMITTED'], to: 'DISBURSED', date: 'disbursedOn', operation: 'disburseInvestment' },
  exit: { from: ['DISBURSED'], to: 'EXITED', date: 'closedOn', operation: 'exitInvestment' },
  writeOff: {
    from: ['COMMITTED', 'DISBURSED'],
    to: 'WRITTEN_OFF',
    date: 'closedOn',
    operation: 'writeOffInvestment',
  },
};
