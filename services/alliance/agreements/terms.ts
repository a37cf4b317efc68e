import type { PartyTerms } from './agreement.repository';
import type { AgreementPartyEntity, AgreementVersionEntity, BenefitRole } from './benefit-agreement.entity';
import { largestRemainder } from './distribution';
import type { PartyShareInput } from '../generated/graphql';
import { kindOfApi, PARTY_KINDS, type PartyKind } from '../organizations';
import { Exact, parseShare, reduce, toCommonShares, type Fraction } from './shares';
import { BadUserInputError } from '../../../shared/errors';
import type { Decimal } from '../../../shared/money';

/*
 * The terms of an agreement as exact fractions, without I/O: which party may hold which role,
 * the parties of a version with their shares, the check of a new version's shares, and the
 * split of an amount by them to the fen.
 */

/** Which kinds of party may hold each role (the table's CHECK says the same). */
export const ROLE_KINDS: Record<BenefitRole, readonly PartyKind[]> = {
  INVENTOR: ['researcher'],
  INSTITUTE: ['institute'],
  INVESTOR: ['fund', 'enterprise'],
  OPERATOR: ['enterprise', 'pilot-base'],
};

/** A party of a version as the API shows it: its key, role and exact share. */
export interface PartyView {
  /** The agreement whose party it is. */
  agreementId: string;
  kind: PartyKind;
  id: string;
  role: BenefitRole;
  share: Fraction;
  position: number;
}

/** The parties of one version, in order, with their shares in lowest terms. */
export function partyViews(
  version: AgreementVersionEntity,
  parties: readonly AgreementPartyEntity[],
): PartyView[] {
  const denominator = new Exact(version.shareDenominator);
  return parties
    .filter((p) => p.agreementId === version.agreementId && p.version === version.version)
    .map((p) => ({
      agreementId: p.agreementId,
      kind: p.partyType,
      id: p.partyId,
      role: p.role,
      share: reduce(new Exact(p.shareParts), denominator),
      position: p.position,
    }));
}

/** The most parties an agreement has: its `parties` and each distribution's `payouts` are bounded by it. */
export const MAX_PARTIES = 20;

/**
 * Validates a list of parties and puts their shares over a common denominator; throws
 * BAD_USER_INPUT naming the first offending field (`input.parties[1].share`…).
 */
export function termsOfParties(parties: PartyShareInput[]): { parties: PartyTerms[]; denominator: string } {
  if (parties.length > MAX_PARTIES) {
    throw new BadUserInputError(`input.parties takes at most ${MAX_PARTIES} parties`, 'input.parties');
  }
  const seen = new Set<string>();
  const parsed = parties.map((party, i) => {
    const field = `input.parties[${i}]`;
    const kind = kindOfApi(party.type);
    const id = party.id.trim();
    if (!id) throw new BadUserInputError(`${field}.id must not be empty`, `${field}.id`);
    if (!ROLE_KINDS[party.role].includes(kind)) {
      const allowed = ROLE_KINDS[party.role].map((k) => PARTY_KINDS[k].api).join(' or ');
      throw new BadUserInputError(
        `${field}: the ${party.role} role is held by a ${allowed}, not a ${party.type}`,
        `${field}.role`,
      );
    }
    const key = `${kind}:${id}:${party.role}`;
    if (seen.has(key))
      throw new BadUserInputError(`${field} names ${party.type} ${id} as ${party.role} twice`, field);
    seen.add(key);
    return { kind, id, role: party.role, share: parseShare(party.share, `${field}.share`) };
  });
  const common = toCommonShares(
    parsed.map((p) => p.share),
    'input.parties',
  );
  // toCommonShares gives one part per share, in the order of `parsed`.
  return {
    parties: parsed.map((p, i) => ({
      kind: p.kind,
      id: p.id,
      role: p.role,
      parts: common.parts[i]!.toFixed(),
    })),
    denominator: common.denominator.toFixed(),
  };
}

/** Splits an amount by a version's shares: payouts in party order, summing to the amount. */
export function split(
  amount: Decimal,
  version: AgreementVersionEntity,
  parties: readonly AgreementPartyEntity[],
): string[] {
  return largestRemainder(
    amount,
    parties.map((p) => new Exact(p.shareParts)),
    new Exact(version.shareDenominator),
  );
}
