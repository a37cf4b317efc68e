import { MAX_PARTIES, termsOfParties } from '../terms';

/** An agreement's parties (and so each distribution's payouts) are bounded. */
test(`an agreement takes at most ${MAX_PARTIES} parties, refused naming the list`, () => {
  const party = (i: number) => ({
    type: 'INSTITUTE' as const,
    id: `institute-${i}`,
    role: 'INSTITUTE' as const,
    share: '1/20',
  });
  expect(termsOfParties(Array.from({ length: MAX_PARTIES }, (_, i) => party(i))).parties).toHaveLength(
    MAX_PARTIES,
  );
  let refused: unknown;
  try {
    termsOfParties(Array.from({ length: MAX_PARTIES + 1 }, (_, i) => party(i)));
  } catch (error) {
    refused = error;
  }
  expect(refused).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.parties' } });
});
