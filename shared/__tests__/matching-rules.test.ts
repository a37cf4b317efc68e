import { fieldMatchOf, reasonsFor } from '../matching-rules';

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
