import type { Caller } from '../../../shared/identity';
import { canSeeAgreement, isParty, isSecretariat } from '../access';

const caller = (organization: string | null, roles: Caller['roles'] = [], subject = 'someone'): Caller => {
  const [type, id = ''] = organization?.split(':') ?? [];
  return { subject, organization: organization ? { type: type as 'institute', id } : null, roles };
};

test('the secretariat is the alliance:secretariat organization with role SECRETARIAT', () => {
  expect(isSecretariat(caller('alliance:secretariat', ['SECRETARIAT']))).toBe(true);
  expect(isSecretariat(caller('alliance:secretariat', ['EDITOR']))).toBe(false);
  expect(isSecretariat(caller('institute:dicp', ['SECRETARIAT']))).toBe(false);
  expect(isSecretariat(caller(null))).toBe(false);
});

test('an organization party by its token organization, a researcher party by the subject researcher:<id>', () => {
  expect(isParty(caller('institute:dicp'), { kind: 'institute', id: 'dicp' })).toBe(true);
  expect(isParty(caller('enterprise:dicp'), { kind: 'institute', id: 'dicp' })).toBe(false);
  expect(
    isParty(caller('institute:dicp', [], 'researcher:dicp-r1'), { kind: 'researcher', id: 'dicp-r1' }),
  ).toBe(true);
  expect(isParty(caller('institute:dicp'), { kind: 'researcher', id: 'dicp-r1' })).toBe(false);
});

test("agreement terms: the secretariat of the project's alliance and the parties of any version", () => {
  const parties = [
    { kind: 'institute' as const, id: 'dicp' },
    { kind: 'fund' as const, id: 'cas-amif' },
  ];
  expect(canSeeAgreement(caller('fund:cas-amif', ['VIEWER']), 'secretariat', parties)).toBe(true);
  expect(canSeeAgreement(caller('alliance:secretariat', ['SECRETARIAT']), 'secretariat', parties)).toBe(true);
  expect(
    canSeeAgreement(
      caller('alliance:central-soe-consortium', ['SECRETARIAT']),
      'central-soe-consortium',
      parties,
    ),
  ).toBe(true);
  // Another alliance's secretariat is not this project's.
  expect(
    canSeeAgreement(caller('alliance:central-soe-consortium', ['SECRETARIAT']), 'secretariat', parties),
  ).toBe(false);
  expect(canSeeAgreement(caller('alliance:secretariat', ['VIEWER']), 'secretariat', parties)).toBe(false);
  expect(canSeeAgreement(caller('institute:ciac', ['EDITOR']), 'secretariat', parties)).toBe(false);
  expect(canSeeAgreement(caller(null), 'secretariat', parties)).toBe(false);
});
