import { bestFirst, fieldMatchOf, reasonsFor, type MatchRow } from '../matching-rules';

test('levels map to the field match, best first', () => {
  expect([4, 3, 2, 1, 0].map(fieldMatchOf)).toEqual(['EXACT', 'MAIN_GROUP', 'SUBCLASS', 'CLASS', 'NONE']);
});

test('reasons name the field, the keywords found and the TRL', () => {
  expect(
    reasonsFor({
      level: 4,
      bestCode: 'C08J 5/18',
      wantedCode: 'C08J 5/18',
      matchedKeywords: ['photovoltaic', 'adhesive film'],
      wantedKeywords: 5,
      trl: 7,
      minTrl: 6,
    }),
  ).toEqual([
    { kind: 'FIELD_MATCH', detail: 'IPC C08J 5/18 is the wanted field' },
    { kind: 'KEYWORD_OVERLAP', detail: '2 of 5 keywords: photovoltaic, adhesive film' },
    { kind: 'TRL_READY', detail: 'TRL 7 meets the minimum TRL 6' },
  ]);
});

test('a code inside a wanted subclass, and a match on keywords alone', () => {
  expect(
    reasonsFor({
      level: 4,
      bestCode: 'H01L 23/29',
      wantedCode: 'H01L',
      matchedKeywords: [],
      wantedKeywords: 2,
      trl: 5,
      minTrl: 5,
    })[0],
  ).toEqual({ kind: 'FIELD_MATCH', detail: 'IPC H01L 23/29 lies in the wanted subclass H01L' });
  expect(
    reasonsFor({
      level: 0,
      bestCode: 'H01L 31/18',
      wantedCode: 'C08J 5/18',
      matchedKeywords: ['photovoltaic'],
      wantedKeywords: 5,
      trl: 6,
      minTrl: 6,
    }).map((r) => r.kind),
  ).toEqual(['KEYWORD_OVERLAP', 'TRL_READY']);
});

describe('bestFirst', () => {
  const row = (demandId: string, achievementId: string, score: number): MatchRow => ({
    demandId,
    achievementId,
    score,
    level: 4,
    bestCode: 'C08J 5/18',
    wantedCode: 'C08J 5/18',
    matchedKeywords: [],
    wantedKeywords: 1,
    trl: 9,
    minTrl: 1,
  });
  const asked: string[][] = [];
  const walk = async (items: readonly { id: string }[]) => {
    asked.push(['walk', ...items.map((i) => i.id)]);
    // The walk meets two top scores for d1, one for d2, none for d3.
    return [row('d1', 'a1', 1), row('d1', 'a2', 1), row('d2', 'a1', 1)].filter((r) =>
      items.some((i) => i.id === r.demandId),
    );
  };
  const rank = async (items: readonly { id: string }[]) => {
    asked.push(['rank', ...items.map((i) => i.id)]);
    return items.flatMap((i) => [row(i.id, 'a1', 1), row(i.id, 'a9', 0.5)]);
  };
  beforeEach(() => asked.splice(0));

  test('the walk answers the items it found enough top scores for, ranking the others, in the order given', async () => {
    const rows = await bestFirst(
      [{ id: 'd3' }, { id: 'd1' }, { id: 'd2' }],
      2,
      (r) => r.demandId,
      walk,
      rank,
    );
    expect(rows.map((r) => [r.demandId, r.achievementId])).toEqual([
      ['d3', 'a1'],
      ['d3', 'a9'],
      ['d1', 'a1'],
      ['d1', 'a2'],
      ['d2', 'a1'],
      ['d2', 'a9'],
    ]);
    expect(asked).toEqual([
      ['walk', 'd3', 'd1', 'd2'],
      ['rank', 'd3', 'd2'],
    ]);
  });

  test('one statement when the walk answers all, none for an empty batch, an id given twice matched once', async () => {
    await bestFirst([{ id: 'd1' }, { id: 'd2' }], 1, (r) => r.demandId, walk, rank);
    expect(asked).toEqual([['walk', 'd1', 'd2']]);
    asked.splice(0);
    expect(await bestFirst([], 1, (r) => r.demandId, walk, rank)).toEqual([]);
    expect(asked).toEqual([]);
    const twice = await bestFirst([{ id: 'd3' }, { id: 'd3' }], 1, (r) => r.demandId, null, rank);
    expect(asked).toEqual([['rank', 'd3']]);
    expect(twice.map((r) => r.achievementId)).toEqual(['a1', 'a9']);
  });
});
