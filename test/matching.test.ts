import { ANONYMOUS, type Caller } from '../shared/identity';
import {
  MatchingRepository,
  type CandidateRow,
  type DemandProfile,
} from '../services/institutes/matching.repository';
import {
  MatchingRepository as DemandMatching,
  type AchievementProfile,
} from '../services/enterprises/matching.repository';
import { FIELD_WEIGHT, KEYWORD_WEIGHT } from '../shared/matching-rules';
import { database } from './builders-capital';
import { givenAchievement, givenDemand } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, statementsOf } from './graphql';

/**
 * Docking across organizations through the gateway. Institutes ranks its achievements for
 * a demand enterprises owns (`TechnologyDemand.candidateAchievements`, with `@requires` on
 * the demand's field, keywords and minimum TRL); enterprises ranks its open demands for an
 * achievement (`Achievement.matchingDemands`, the same rules). A list of demands with their
 * candidates is batched: its statement count does not grow with the list.
 */
const CANDIDATES = /* GraphQL */ `
  query Candidates($id: ID!, $first: Int) {
    technologyDemand(id: $id) {
      candidateAchievements(first: $first) {
        score
        fieldMatch
        matchedKeywords
        achievement {
          id
          trl
        }
        reasons {
          kind
          detail
        }
      }
    }
  }
`;

interface Candidate {
  score: number;
  fieldMatch: string;
  matchedKeywords: string[];
  achievement: { id: string; trl: number };
  reasons: { kind: string; detail: string }[];
}

let federation: Federation;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('enterprise:levima', 'VIEWER');
});
afterAll(async () => {
  await federation.stop();
});

async function candidates(id: string, token?: string, first = 10): Promise<Candidate[]> {
  const response = await federation.query<{ technologyDemand: { candidateAchievements: Candidate[] } }>(
    CANDIDATES,
    { id, first },
    token,
  );
  return dataOf(response).technologyDemand.candidateAchievements;
}

const ranking = (list: Candidate[]): [string, number, string][] =>
  list.map((c) => [c.achievement.id, c.score, c.fieldMatch]);

describe('candidates of a demand', () => {
  test('the photovoltaic adhesive film demand ranks film-related achievements first', async () => {
    const list = await candidates('levima-pv-adhesive-film');
    expect(ranking(list)).toEqual([
      // field C08J 5/18 and 4 of 5 keywords: 0.4 + 0.6 × 4/5
      ['ciac-pv-encapsulant', 0.88, 'EXACT'],
      // a film in the same field, none of the keywords
      ['iccas-polyimide-film', 0.4, 'EXACT'],
      // the class C08 and "eva": 0.1 + 0.12
      ['ciac-halogen-free-cable', 0.22, 'CLASS'],
      // "photovoltaic" alone
      ['dicp-perovskite-pv', 0.12, 'NONE'],
      // the class C08 alone; ties go to the higher TRL, then the id
      ['ciac-pla-tableware', 0.1, 'CLASS'],
      ['ciac-ppc', 0.1, 'CLASS'],
    ]);
    expect(list[0]?.matchedKeywords).toEqual(['photovoltaic', 'adhesive film', 'encapsulant', 'poe']);
    expect(list[0]?.reasons).toEqual([
      { kind: 'FIELD_MATCH', detail: 'IPC C08J 5/18 is the wanted field' },
      { kind: 'KEYWORD_OVERLAP', detail: '4 of 5 keywords: photovoltaic, adhesive film, encapsulant, poe' },
      { kind: 'TRL_READY', detail: 'TRL 7 meets the minimum TRL 6' },
    ]);
  });

  test('an achievement below the minimum TRL is excluded, however well it matches, until its TRL rises', async () => {
    // ciac-eva-crosslinking is an EVA adhesive film for photovoltaics, at TRL 4 < 6.
    expect((await candidates('levima-pv-adhesive-film')).map((c) => c.achievement.id)).not.toContain(
      'ciac-eva-crosslinking',
    );
    const editor = await federation.token('institute:ciac', 'EDITOR');
    const raised = await federation.query(
      'mutation($input: ChangeTrlInput!) { changeTrl(input: $input) { trl } }',
      { input: { achievementId: 'ciac-eva-crosslinking', trl: 6, note: 'Pilot lamination trials passed' } },
      editor,
    );
    expect(raised.errors).toBeUndefined();
    const after = await candidates('levima-pv-adhesive-film');
    expect(ranking(after).slice(0, 3)).toEqual([
      ['ciac-pv-encapsulant', 0.88, 'EXACT'],
      // class C08 and photovoltaic, adhesive film, eva: 0.1 + 0.6 × 3/5
      ['ciac-eva-crosslinking', 0.46, 'CLASS'],
      ['iccas-polyimide-film', 0.4, 'EXACT'],
    ]);
  });

  test('candidates are what the caller may see: members also get MEMBERS achievements', async () => {
    // ICCAS's photoresist resins are MEMBERS-only; its ArF monomers are at TRL 3 < 4.
    expect(ranking(await candidates('guangzhou-chemical-photoresist'))).toEqual([]);
    expect(ranking(await candidates('guangzhou-chemical-photoresist', member))).toEqual([
      ['iccas-photoresist', 0.85, 'EXACT'],
    ]);
    expect(ranking(await candidates('guangzhou-chemical-power-packaging', member))).toEqual([
      ['iccas-packaging-emc', 1, 'EXACT'],
      // the subclass H01L alone, then the class H01 alone; ties go to the higher TRL
      ['ciac-pv-encapsulant', 0.2, 'SUBCLASS'],
      ['dicp-perovskite-pv', 0.2, 'SUBCLASS'],
      ['ciac-halogen-free-cable', 0.1, 'CLASS'],
      ['iccas-silicon-anode', 0.1, 'CLASS'],
    ]);
  });

  test('every named need of the articles finds a candidate on the demo data', async () => {
    const response = await federation.query<{
      technologyDemands: {
        edges: { node: { id: string; candidateAchievements: { achievement: { id: string } }[] } }[];
      };
    }>(
      `{ technologyDemands(filter: { status: OPEN }) { edges { node { id candidateAchievements(first: 1) { achievement { id } } } } } }`,
      {},
      member,
    );
    const best = Object.fromEntries(
      dataOf(response).technologyDemands.edges.map((e) => [
        e.node.id,
        e.node.candidateAchievements[0]?.achievement.id,
      ]),
    );
    expect(best).toEqual({
      'guangzhou-chemical-power-packaging': 'iccas-packaging-emc',
      'chengdu-organic-silicon-anode': 'iccas-silicon-anode',
      'guangzhou-chemical-photoresist': 'iccas-photoresist',
      'levima-degradable-tableware': 'ciac-pla-tableware',
      'levima-pv-adhesive-film': 'ciac-pv-encapsulant',
    });
  });

  test('first bounds the list and is validated', async () => {
    expect(await candidates('levima-pv-adhesive-film', undefined, 2)).toHaveLength(2);
    const response = await federation.query(CANDIDATES, { id: 'levima-pv-adhesive-film', first: 0 });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('demands an achievement could meet', () => {
  const MATCHING = /* GraphQL */ `
    query Matching($id: ID!) {
      achievement(id: $id) {
        matchingDemands(first: 10) {
          score
          fieldMatch
          matchedKeywords
          demand {
            id
            status
          }
        }
      }
    }
  `;

  async function matching(id: string): Promise<{ score: number; demand: { id: string; status: string } }[]> {
    const response = await federation.query<{
      achievement: { matchingDemands: { score: number; demand: { id: string; status: string } }[] };
    }>(MATCHING, { id }, member);
    return dataOf(response).achievement.matchingDemands;
  }

  test('the encapsulant film is first of all for the photovoltaic film demand', async () => {
    const list = await matching('ciac-pv-encapsulant');
    expect(list[0]).toMatchObject({ score: 0.88, demand: { id: 'levima-pv-adhesive-film' } });
    expect(list.map((m) => m.demand.status).every((s) => s === 'OPEN' || s === 'IN_DOCKING')).toBe(true);
  });

  test('only demands still looking count: a MATCHED or CLOSED demand is left out', async () => {
    // Sinopec Guangzhou Engineering's methanol-to-olefins demand is MATCHED.
    expect((await matching('dmto')).map((m) => m.demand.id)).toEqual([]);
    const posted = await givenDemand(federation, {
      enterpriseId: 'sinopec-guangzhou-engineering',
      ipcCode: 'C07C 1/20',
      keywords: ['methanol', 'olefins'],
      minTrl: 8,
    });
    expect((await matching('dmto')).map((m) => [m.demand.id, m.score])).toEqual([[posted.id, 1]]);
  });

  test('a demand above the achievement TRL is left out', async () => {
    const demanding = await givenDemand(federation, {
      ipcCode: 'G03F 7/004',
      keywords: ['photoresist'],
      minTrl: 9,
    });
    expect((await matching('iccas-photoresist')).map((m) => m.demand.id)).not.toContain(demanding.id);
  });

  test('both directions give every pair of a demand still looking the same score', async () => {
    const forward = await federation.query<{
      technologyDemands: {
        edges: {
          node: {
            id: string;
            status: string;
            candidateAchievements: { score: number; achievement: { id: string } }[];
          };
        }[];
      };
    }>(
      `{ technologyDemands(first: 20) { edges { node { id status
          candidateAchievements(first: 20) { score achievement { id } } } } } }`,
      {},
      member,
    );
    const backward = await federation.query<{
      achievements: {
        edges: { node: { id: string; matchingDemands: { score: number; demand: { id: string } }[] } }[];
      };
    }>(
      `{ achievements(first: 20) { edges { node { id matchingDemands(first: 20) { score demand { id } } } } } }`,
      {},
      member,
    );
    expect([forward.errors, backward.errors]).toEqual([undefined, undefined]);
    const still = new Set(['OPEN', 'IN_DOCKING']);
    const pairs = (list: [string, string, number][]) =>
      list.sort().map(([d, a, score]) => `${d} ${a} ${score}`);
    const fromDemands = forward
      .data!.technologyDemands.edges.filter((e) => still.has(e.node.status))
      .flatMap((e) =>
        e.node.candidateAchievements.map((c): [string, string, number] => [
          e.node.id,
          c.achievement.id,
          c.score,
        ]),
      );
    const fromAchievements = backward.data!.achievements.edges.flatMap((e) =>
      e.node.matchingDemands.map((m): [string, string, number] => [m.demand.id, e.node.id, m.score]),
    );
    expect(pairs(fromAchievements)).toEqual(pairs(fromDemands));
    expect(fromDemands.length).toBeGreaterThan(15);
  });
});

describe('statement counts', () => {
  const BOARD = /* GraphQL */ `
    query Board($first: Int!) {
      technologyDemands(filter: { keyword: "bulk" }, first: $first) {
        edges {
          node {
            title
            enterprise {
              name
            }
            candidateAchievements(first: 3) {
              score
              reasons {
                detail
              }
              achievement {
                title
                institute {
                  name
                }
              }
            }
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    for (let i = 0; i < 60; i += 1) {
      await givenDemand(federation, {
        ipcCode: i % 2 ? 'C08J 5/18' : 'H01L',
        keywords: ['bulk', i % 3 ? 'photovoltaic' : 'silicon'],
        minTrl: 1 + (i % 7),
      });
    }
    for (let i = 0; i < 10; i += 1) {
      await givenAchievement(federation, {
        ipcCodes: ['C08J 5/18'],
        keywords: ['photovoltaic'],
        trl: 1 + (i % 9),
      });
    }
  });

  async function statements(first: number): Promise<Record<string, number>> {
    const { counts, data } = await statementsOf<{ technologyDemands: { edges: unknown[] } }>(
      federation,
      BOARD,
      { first },
      member,
    );
    expect(data.technologyDemands.edges).toHaveLength(first);
    return counts;
  }

  test('50 demands with their candidates cost the statements of 5', async () => {
    const five = await statements(5);
    const fifty = await statements(50);
    expect(fifty).toEqual(five);
    // enterprises: count, page, the enterprises; institutes: the best-score walk of every
    // demand in one statement (it answers none of these: no achievement has both keywords),
    // the ranking of every demand it left open in one more, then their achievements and
    // institutes.
    expect(five).toMatchObject({ enterprises: 3, institutes: 4 });
  });
});

describe('the index prefilter of matching', () => {
  const member: Caller = {
    subject: 'u',
    organization: { type: 'enterprise', id: 'levima' },
    roles: ['VIEWER'],
  };

  test('finds exactly the candidates that grading every achievement finds, in the same order', async () => {
    const db = database(federation, 'institutes');
    const demands = await database(federation, 'enterprises').query<DemandProfile[]>(
      `SELECT id, ipc_code AS "ipcCode", keywords, min_trl AS "minTrl" FROM enterprises.technology_demand`,
    );
    // And the edges: a keyword of stop words only, no keywords, a class no achievement has,
    // a keyword found only in searched text (stemmed), a bare subclass, a low minimum TRL.
    demands.push(
      { id: 'stop-words', ipcCode: 'C08J 5/18', keywords: ['the', 'of'], minTrl: 1 },
      { id: 'no-keywords', ipcCode: 'C07C', keywords: [], minTrl: 1 },
      { id: 'no-field', ipcCode: 'A01B 1/00', keywords: ['methanol', 'olefins'], minTrl: 1 },
      { id: 'stemmed', ipcCode: 'A01B', keywords: ['catalysts', 'encapsulating'], minTrl: 1 },
      { id: 'subclass', ipcCode: 'C08L', keywords: ['degradable plastic'], minTrl: 3 },
    );
    expect(demands.length).toBeGreaterThan(8);
    for (const caller of [ANONYMOUS, member]) {
      const graded = await new MatchingRepository(db, { prefilter: false }).candidates(demands, 100, caller);
      const prefiltered = await new MatchingRepository(db).candidates(demands, 100, caller);
      // Not a vacuous comparison: most demands have candidates, the edges included.
      const withCandidates = new Set(graded.map((row) => row.demandId));
      expect(withCandidates.size).toBeGreaterThan(demands.length / 2);
      for (const id of ['no-field', 'stemmed', 'subclass']) expect(withCandidates).toContain(id);
      expect(prefiltered).toEqual(graded);
    }
  });

  test('grades field-only achievements only when keyword matches cannot fill the top, with the same answer', async () => {
    const db = database(federation, 'institutes');
    const demands = await database(federation, 'enterprises').query<DemandProfile[]>(
      `SELECT id, ipc_code AS "ipcCode", keywords, min_trl AS "minTrl" FROM enterprises.technology_demand`,
    );
    // A field-only pair scores at most the field weight: a top of keyword pairs all above it
    // leaves the field-only ones ungraded, any other top grades them.
    const aboveField = (rows: CandidateRow[]) =>
      rows.length > 0 && rows.every((row) => row.matchedKeywords.length > 0 && row.score > FIELD_WEIGHT);
    const byDemand = (rows: CandidateRow[]) =>
      demands.map((demand) => rows.filter((row) => row.demandId === demand.id));
    let keywordsOnly = 0;
    let fieldOnlyInTop = 0;
    for (const limit of [1, 2, 3, 5]) {
      for (const caller of [ANONYMOUS, member]) {
        const graded = await new MatchingRepository(db, { prefilter: false }).candidates(
          demands,
          limit,
          caller,
        );
        const twoPhase = await new MatchingRepository(db).candidates(demands, limit, caller);
        expect(twoPhase).toEqual(graded);
        for (const top of byDemand(graded)) {
          if (top.length === limit && aboveField(top)) keywordsOnly += 1;
          if (top.some((row) => row.matchedKeywords.length === 0)) fieldOnlyInTop += 1;
        }
      }
    }
    // Both paths ran: demands whose top is all strong keyword matches, and demands whose top
    // needed field-only achievements.
    expect(keywordsOnly).toBeGreaterThan(0);
    expect(fieldOnlyInTop).toBeGreaterThan(0);
  });

  test('a demand whose best candidates all score the most a pair can is answered by walking them in rank order, with the same answer', async () => {
    const db = database(federation, 'institutes');
    // Twelve achievements meet the demand fully (its exact field and both keywords) at three
    // TRLs, so their order within a TRL goes by id; a quarter are for members only. Six more
    // at TRL 9 come first in the walk but miss by one keyword or by the field's main group.
    const keywords = ['quokka lattice', 'zephyr coating'];
    for (let i = 0; i < 12; i += 1) {
      await givenAchievement(federation, {
        ipcCodes: ['H01L 31/18'],
        keywords,
        trl: 5 + (i % 3),
        visibility: i % 4 === 3 ? 'MEMBERS' : 'PUBLIC',
      });
    }
    for (let i = 0; i < 6; i += 1) {
      await givenAchievement(federation, {
        ipcCodes: [i % 2 ? 'H01L 31/04' : 'H01L 31/18'],
        keywords: i % 2 ? keywords : keywords.slice(0, 1),
        trl: 9,
      });
    }
    const demands: DemandProfile[] = [
      { id: 'full', ipcCode: 'H01L 31/18', keywords, minTrl: 5 },
      { id: 'mature', ipcCode: 'H01L 31/18', keywords, minTrl: 7 },
      { id: 'subclass', ipcCode: 'H01L', keywords: ['zephyr coating'], minTrl: 1 },
      // Found only in the searched text, under stemming; a keyword asked twice.
      { id: 'stemmed', ipcCode: 'H01L 31/18', keywords: ['quokka lattices', 'zephyr coatings'], minTrl: 5 },
      { id: 'twice', ipcCode: 'H01L 31/18', keywords: ['zephyr coating', 'zephyr coating'], minTrl: 5 },
    ];
    const best = FIELD_WEIGHT + KEYWORD_WEIGHT;
    const spy = jest.spyOn(db, 'query');
    try {
      for (const [limit, walk] of [
        [1, undefined],
        [3, undefined],
        [5, undefined],
        [100, undefined],
        [3, 4],
      ] as const) {
        for (const caller of [ANONYMOUS, member]) {
          const graded = await new MatchingRepository(db, { prefilter: false }).candidates(
            demands,
            limit,
            caller,
          );
          spy.mockClear();
          const walked = await new MatchingRepository(db, {
            prefilter: true,
            bestScoreWalk: walk,
          }).candidates(demands, limit, caller);
          expect(walked).toEqual(graded);
          const tops = demands.map((demand) => graded.filter((row) => row.demandId === demand.id));
          const allBest = tops.every((top) => top.length === limit && top.every((row) => row.score === best));
          // Up to 3, every demand's top scores the most ('mature' has only 3 such
          // achievements an anonymous caller may see), and the walk answers them all in one
          // statement. Otherwise, or when the walk may read only 4 achievements (the near
          // misses at TRL 9 come first), a second statement ranks what it left open.
          expect(allBest).toBe(limit <= 3);
          expect(spy).toHaveBeenCalledTimes(allBest && walk === undefined ? 1 : 2);
        }
      }
      // Demands no pair can give the top score: no keywords (at most the field's 0.4), or a
      // keyword of stop words only, which is never found. The walk answers neither, and
      // ranking gives their best (exact-field pairs at 0.4, and 0.7 with one keyword of two).
      for (const demand of [
        { id: 'no-keywords', ipcCode: 'H01L 31/18', keywords: [], minTrl: 1 },
        { id: 'stop-words', ipcCode: 'H01L 31/18', keywords: ['quokka lattice', 'the'], minTrl: 1 },
      ]) {
        const graded = await new MatchingRepository(db, { prefilter: false }).candidates([demand], 1, member);
        spy.mockClear();
        const walked = await new MatchingRepository(db).candidates([demand], 1, member);
        expect(walked).toEqual(graded);
        expect(walked).toHaveLength(1);
        expect(walked[0]!.score).toBeLessThan(best);
        expect(spy).toHaveBeenCalledTimes(2);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the best-score walk of an achievement's demands", () => {
  test('an achievement whose best demands all score the most a pair can is answered by walking the demands by id, with the same answer', async () => {
    const db = database(federation, 'enterprises');
    // Ten open demands that an achievement with both keywords in field F27B 9/30 meets fully
    // (each asks one or both keywords) at minimum TRLs 4–7; a MATCHED and a CLOSED one that
    // it would meet too; and near misses: a keyword it lacks, or the sibling group 9/10.
    // Their ids keep the walk's order known: the near misses of field 9/30 (walk-a-*) come
    // before the demands met fully (walk-b-*), which come before the sibling group's (walk-c-*).
    const keywords = ['saffron gasket', 'umber kiln'];
    for (let i = 0; i < 10; i += 1) {
      await givenDemand(federation, {
        id: `walk-b-${i}`,
        ipcCode: 'F27B 9/30',
        keywords: i % 2 ? keywords : keywords.slice(1),
        minTrl: 4 + (i % 4),
      });
    }
    for (const status of ['MATCHED', 'CLOSED'] as const) {
      await givenDemand(federation, {
        id: `walk-0-${status}`,
        ipcCode: 'F27B 9/30',
        keywords,
        minTrl: 1,
        status,
      });
    }
    // A demand with no keywords scores at most the field's 0.4, however exact the field.
    await givenDemand(federation, { id: 'walk-a-empty', ipcCode: 'F27B 9/30', keywords: [], minTrl: 1 });
    for (let i = 0; i < 4; i += 1) {
      await givenDemand(federation, {
        id: i % 2 ? `walk-c-${i}` : `walk-a-${i}`,
        ipcCode: i % 2 ? 'F27B 9/10' : 'F27B 9/30',
        keywords: i % 2 ? keywords : [...keywords, 'cobalt glaze'],
        minTrl: 1,
      });
    }
    const profile = { title: 'A tunnel kiln', summary: 'Gaskets for kilns', keywords };
    const achievements: AchievementProfile[] = [
      // 8 demands within reach of TRL 6 score 1.0 …
      { ...profile, id: 'kiln', ipcCodes: ['F27B 9/30'], trl: 6 },
      // … 3 of TRL 4, and 2 of the sibling field (its own).
      { ...profile, id: 'early', ipcCodes: ['F27B 9/30'], trl: 4 },
      { ...profile, id: 'sibling', ipcCodes: ['F27B 9/10'], trl: 9 },
    ];
    const best = FIELD_WEIGHT + KEYWORD_WEIGHT;
    const spy = jest.spyOn(db, 'query');
    try {
      for (const limit of [1, 3, 5, 10]) {
        for (const walk of [undefined, 2]) {
          const graded = await new DemandMatching(db, { bestScoreWalk: 0 }).matchingDemands(
            achievements,
            limit,
          );
          spy.mockClear();
          const walked = await new DemandMatching(db, { bestScoreWalk: walk ?? 1000 }).matchingDemands(
            achievements,
            limit,
          );
          expect(walked).toEqual(graded);
          const tops = achievements.map((a) => graded.filter((row) => row.achievementId === a.id));
          const allBest = tops.every((top) => top.length === limit && top.every((row) => row.score === best));
          // Only at 1 does every achievement's top score the most; the walk then answers all
          // three in one statement, unless it may read only 2 demands: the first two within
          // reach by id are the demo's or the two near misses, none a top score for any of
          // the three (the MATCHED and CLOSED ones, first of all, are not walked).
          expect(allBest).toBe(limit === 1);
          expect(spy).toHaveBeenCalledTimes(allBest && walk === undefined ? 1 : 2);
        }
      }
    } finally {
      spy.mockRestore();
    }
  });
});
