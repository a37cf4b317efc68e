import Decimal from 'decimal.js';
import { BadUserInputError } from '../../shared/errors';
import { optionalText, requiredText } from '../../shared/validation';
import type { Award } from './entities/achievement.entity';
import type { AwardInput, InventorInput, PatentStatus } from './generated/graphql';

/**
 * Checks of client input for the innovation chain's mutations (awards, inventors, patents);
 * the generic ones (texts, TRL, keywords, dates) are in shared/validation.ts and
 * shared/dates.ts. Each throws BAD_USER_INPUT naming the offending field
 * (`input.inventors[1].share`) and returns the value in the form it is stored in.
 */

/** Awards: a name, an optional grade, a year from 1949 to this year. */
/** The most awards an achievement lists: `Achievement.awards` is bounded by it. */
export const MAX_AWARDS = 20;

export function awardList(values: readonly AwardInput[], field: string): Award[] {
  if (values.length > MAX_AWARDS)
    throw new BadUserInputError(`${field} takes at most ${MAX_AWARDS} awards`, field);
  const thisYear = new Date().getUTCFullYear();
  return values.map((award, index) => {
    const at = `${field}[${index}]`;
    if (!Number.isInteger(award.year) || award.year < 1949 || award.year > thisYear) {
      throw new BadUserInputError(`${at}.year must be a year from 1949 to ${thisYear}`, `${at}.year`);
    }
    const grade = optionalText(award.grade, `${at}.grade`, 100);
    return { name: requiredText(award.name, `${at}.name`, 200), grade: grade || null, year: award.year };
  });
}

const SHARE = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * Inventors with their contribution shares: each a percentage with at most two decimals,
 * above 0 and at most 100, each researcher once, the shares summing to exactly 100.
 * Returns the shares as exact decimals in the order given.
 */
export function inventorShares(
  values: readonly InventorInput[],
  field: string,
): { researcherId: string; share: Decimal }[] {
  if (values.length > 50) throw new BadUserInputError(`${field} takes at most 50 inventors`, field);
  const seen = new Set<string>();
  const inventors = values.map((inventor, index) => {
    const at = `${field}[${index}]`;
    const researcherId = inventor.researcherId.trim();
    if (!researcherId)
      throw new BadUserInputError(`${at}.researcherId must not be empty`, `${at}.researcherId`);
    if (seen.has(researcherId)) {
      throw new BadUserInputError(`${at}.researcherId names ${researcherId} twice`, `${at}.researcherId`);
    }
    seen.add(researcherId);
    const text = inventor.share.trim();
    const share = SHARE.test(text) ? new Decimal(text) : null;
    if (!share || share.lte(0) || share.gt(100)) {
      throw new BadUserInputError(
        `${at}.share must be a percentage above 0 and at most 100 with at most two decimals, e.g. "33.34"`,
        `${at}.share`,
      );
    }
    return { researcherId, share };
  });
  if (inventors.length > 0) {
    const total = inventors.reduce((sum, inventor) => sum.plus(inventor.share), new Decimal(0));
    if (!total.eq(100)) {
      throw new BadUserInputError(`${field} shares must sum to exactly 100, not ${total.toFixed(2)}`, field, {
        total: total.toFixed(2),
      });
    }
  }
  return inventors;
}

/** A patent number as offices print it, upper-case: `CN101239866A`, `US 8,399,720 B2` → `US 8399720 B2`. */
export function patentNumber(value: string, field: string): string {
  const number = value.trim().toUpperCase().replace(/,/g, '').replace(/\s+/g, ' ');
  if (!/^[A-Z0-9][A-Z0-9./ -]{2,39}$/.test(number)) {
    throw new BadUserInputError(`${field} must be a patent number such as "CN101239866A"`, field);
  }
  return number;
}

/** A two-letter patent office code (CN, US, EP, WO, JP…). */
export function jurisdiction(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    throw new BadUserInputError(`${field} must be a two-letter office code such as CN, US, EP or WO`, field);
  }
  return code;
}

/** Where a patent may go from each status. */
export const PATENT_TRANSITIONS: Record<PatentStatus, PatentStatus[]> = {
  FILED: ['GRANTED', 'LAPSED'],
  GRANTED: ['LAPSED', 'EXPIRED'],
  LAPSED: [],
  EXPIRED: [],
};

/**
 * The dates a patent's status needs: no grant date while FILED, one when GRANTED or
 * EXPIRED, never before the filing date (the database holds the same rules).
 */
export function patentDates(
  status: PatentStatus,
  filedOn: string,
  grantedOn: string | null,
  fields: { grantedOn: string },
): void {
  if (status === 'FILED' && grantedOn) {
    throw new BadUserInputError(`a FILED patent has no grant date`, fields.grantedOn);
  }
  if ((status === 'GRANTED' || status === 'EXPIRED') && !grantedOn) {
    throw new BadUserInputError(`a ${status} patent needs its grant date`, fields.grantedOn);
  }
  if (grantedOn && grantedOn < filedOn) {
    throw new BadUserInputError(
      `the grant date ${grantedOn} precedes the filing date ${filedOn}`,
      fields.grantedOn,
    );
  }
}
