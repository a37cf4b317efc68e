import { parseDay } from '../../../shared/dates';
import {
  currencyCode,
  keywordList,
  nextStatus,
  requiredText,
  technologyFilter,
  trlLevel,
} from '../../../shared/validation';
import {
  MAX_AWARDS,
  PATENT_TRANSITIONS,
  awardList,
  inventorShares,
  patentDates,
  patentNumber,
} from '../validation';

function fieldOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return 'no error';
}

describe('TRL', () => {
  test.each([1, 5, 9])('%i is a level', (trl) => expect(trlLevel(trl, 'input.trl')).toBe(trl));
  test.each([0, 10, -1, 4.5])('%d is refused naming the field', (trl) => {
    expect(fieldOf(() => trlLevel(trl, 'input.trl'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.trl' });
  });
});

describe('inventor shares', () => {
  test('exact decimals summing to 100 are accepted in order', () => {
    const shares = inventorShares(
      [
        { researcherId: 'a', share: '33.34' },
        { researcherId: 'b', share: '33.33' },
        { researcherId: 'c', share: '33.33' },
      ],
      'input.inventors',
    );
    expect(shares.map((s) => [s.researcherId, s.share.toFixed(2)])).toEqual([
      ['a', '33.34'],
      ['b', '33.33'],
      ['c', '33.33'],
    ]);
  });

  test('no float arithmetic: 0.1 + 0.2 + 99.7 is exactly 100', () => {
    expect(
      inventorShares(
        [
          { researcherId: 'a', share: '0.1' },
          { researcherId: 'b', share: '0.2' },
          { researcherId: 'c', share: '99.7' },
        ],
        'input.inventors',
      ),
    ).toHaveLength(3);
  });

  test('a sum other than 100 is refused with the total', () => {
    expect(
      fieldOf(() =>
        inventorShares(
          [
            { researcherId: 'a', share: '33.33' },
            { researcherId: 'b', share: '33.33' },
            { researcherId: 'c', share: '33.33' },
          ],
          'input.inventors',
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.inventors', total: '99.99' });
  });

  test.each([
    ['three decimals', '50.005', 'input.inventors[0].share'],
    ['zero', '0', 'input.inventors[0].share'],
    ['over 100', '100.01', 'input.inventors[0].share'],
    ['a float in disguise', '5e1', 'input.inventors[0].share'],
  ])('%s is refused naming the share', (_case, share, field) => {
    expect(fieldOf(() => inventorShares([{ researcherId: 'a', share }], 'input.inventors'))).toMatchObject({
      field,
    });
  });

  test('a researcher listed twice is refused', () => {
    expect(
      fieldOf(() =>
        inventorShares(
          [
            { researcherId: 'a', share: '50' },
            { researcherId: 'a', share: '50' },
          ],
          'input.inventors',
        ),
      ),
    ).toMatchObject({ field: 'input.inventors[1].researcherId' });
  });

  test('an empty list is allowed (it removes the inventors)', () => {
    expect(inventorShares([], 'input.inventors')).toEqual([]);
  });
});

describe('other input', () => {
  test('keywords are trimmed, lower-cased and unique', () => {
    expect(keywordList([' Adhesive  Film', 'adhesive film', 'POE'], 'input.keywords')).toEqual([
      'adhesive film',
      'poe',
    ]);
    expect(fieldOf(() => keywordList(['ok', '  '], 'input.keywords'))).toMatchObject({
      field: 'input.keywords[1]',
    });
  });

  test('dates must exist and may be required not to lie in the future', () => {
    expect(parseDay('2024-02-29', 'input.filedOn')).toBe('2024-02-29');
    expect(fieldOf(() => parseDay('2023-02-29', 'input.filedOn'))).toMatchObject({ field: 'input.filedOn' });
    expect(fieldOf(() => parseDay('29.02.2024', 'input.filedOn'))).toMatchObject({ field: 'input.filedOn' });
    expect(fieldOf(() => parseDay('2999-01-01', 'input.filedOn', { notInFuture: true }))).toMatchObject({
      field: 'input.filedOn',
    });
  });

  test('texts are trimmed and must not be empty', () => {
    expect(requiredText('  DMTO ', 'input.title', 10)).toBe('DMTO');
    expect(fieldOf(() => requiredText('   ', 'input.title', 10))).toMatchObject({ field: 'input.title' });
    expect(fieldOf(() => requiredText('x'.repeat(11), 'input.title', 10))).toMatchObject({
      field: 'input.title',
    });
  });

  test('awards need a plausible year', () => {
    expect(awardList([{ name: 'Award', year: 2014 }], 'input.awards')).toEqual([
      { name: 'Award', grade: null, year: 2014 },
    ]);
    expect(fieldOf(() => awardList([{ name: 'Award', year: 3014 }], 'input.awards'))).toMatchObject({
      field: 'input.awards[0].year',
    });
  });

  test('patent numbers are normalized; dates must fit the status', () => {
    expect(patentNumber(' us 8,399,720  b2', 'input.number')).toBe('US 8399720 B2');
    expect(fieldOf(() => patentNumber('#1', 'input.number'))).toMatchObject({ field: 'input.number' });
    const fields = { grantedOn: 'input.grantedOn' };
    const refused = { code: 'BAD_USER_INPUT', field: 'input.grantedOn' };
    expect(fieldOf(() => patentDates('FILED', '2020-01-01', '2021-01-01', fields))).toEqual(refused);
    expect(fieldOf(() => patentDates('GRANTED', '2020-01-01', null, fields))).toEqual(refused);
    expect(fieldOf(() => patentDates('GRANTED', '2020-01-01', '2019-01-01', fields))).toEqual(refused);
    expect(() => patentDates('LAPSED', '2020-01-01', null, fields)).not.toThrow();
  });
});

describe('shared by achievements and demands', () => {
  test('a list filter canonicalizes its IPC prefix and keyword, naming the filter field', () => {
    expect(technologyFilter({ ipcPrefix: ' c08j  5/', keyword: ' Adhesive  Film ' })).toEqual({
      ipcPrefix: 'C08J 5/',
      keyword: 'adhesive film',
    });
    expect(technologyFilter({ ipcPrefix: '', keyword: null })).toEqual({});
    expect(fieldOf(() => technologyFilter({ keyword: ' ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.keyword',
    });
    expect(fieldOf(() => technologyFilter({ ipcPrefix: '08C' }))).toMatchObject({
      field: 'filter.ipcPrefix',
    });
  });

  test('a status moves only where its transitions allow, naming the allowed ones', () => {
    expect(nextStatus(PATENT_TRANSITIONS, 'FILED', 'GRANTED', 'input.status', 'patent')).toBe('GRANTED');
    expect(nextStatus(PATENT_TRANSITIONS, 'LAPSED', null, 'input.status', 'patent')).toBe('LAPSED');
    expect(nextStatus(PATENT_TRANSITIONS, 'LAPSED', 'LAPSED', 'input.status', 'patent')).toBe('LAPSED');
    expect(
      fieldOf(() => nextStatus(PATENT_TRANSITIONS, 'GRANTED', 'FILED', 'input.status', 'patent')),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.status', allowed: ['LAPSED', 'EXPIRED'] });
    expect(
      fieldOf(() => nextStatus(PATENT_TRANSITIONS, 'EXPIRED', 'GRANTED', 'input.status', 'patent')),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.status', allowed: [] });
  });

  test('a currency is an ISO 4217 code, CNY when absent', () => {
    expect(currencyCode(null, 'input.currency')).toBe('CNY');
    expect(currencyCode(' usd ', 'input.currency')).toBe('USD');
    expect(fieldOf(() => currencyCode('yuan', 'input.currency'))).toMatchObject({ field: 'input.currency' });
  });
});

describe('bounded lists', () => {
  const award = { name: 'Provincial Science Award', year: 2020 };

  test(`an achievement takes at most ${MAX_AWARDS} awards, refused naming the list`, () => {
    expect(awardList(Array(MAX_AWARDS).fill(award), 'input.awards')).toHaveLength(MAX_AWARDS);
    expect(fieldOf(() => awardList(Array(MAX_AWARDS + 1).fill(award), 'input.awards'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.awards',
    });
  });
});
