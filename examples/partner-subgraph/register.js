/**
 * The patent office's register, in memory. The articles name no patent numbers, so every
 * record here is illustrative (`illustrative: true`); the achievement and project ids are
 * the alliance's demo ids, which is how the register links its records to the graph.
 */

/** @typedef {'PENDING' | 'GRANTED' | 'LAPSED' | 'EXPIRED' | 'INVALIDATED'} LegalStatus */

/**
 * @typedef {object} RegisteredPatent
 * @property {string} number
 * @property {string} title
 * @property {string} jurisdiction
 * @property {LegalStatus} legalStatus
 * @property {string} filedOn
 * @property {string | null} expiresOn
 * @property {string} achievementId
 * @property {boolean} illustrative
 */

/** @type {RegisteredPatent[]} */
const patents = [
  {
    number: 'CN-DEMO-DMTO-1',
    title: 'Catalyst for producing light olefins from methanol (illustrative)',
    jurisdiction: 'CN',
    legalStatus: 'EXPIRED',
    filedOn: '1996-06-12',
    expiresOn: '2016-06-12',
    achievementId: 'dmto',
    illustrative: true,
  },
  {
    number: 'CN-DEMO-DMTO-2',
    title: 'Fluidized-bed process for converting methanol to ethylene and propylene (illustrative)',
    jurisdiction: 'CN',
    legalStatus: 'GRANTED',
    filedOn: '2008-11-03',
    expiresOn: '2028-11-03',
    achievementId: 'dmto',
    illustrative: true,
  },
  {
    number: 'CN-DEMO-PPC-1',
    title: 'Copolymerization of carbon dioxide and epoxides into degradable polycarbonate (illustrative)',
    jurisdiction: 'CN',
    legalStatus: 'PENDING',
    filedOn: '2019-02-18',
    expiresOn: null,
    achievementId: 'ciac-ppc',
    illustrative: true,
  },
];

/**
 * @typedef {object} PatentWatch
 * @property {{ number: string, applicant: string, note: string, flaggedOn: string }[]} alerts
 * @property {string} lastCheckedOn
 * @property {boolean} illustrative
 */

/** @type {Map<string, PatentWatch>} the watch per project id */
const watches = new Map([
  [
    'dmto-industrialization',
    {
      alerts: [
        {
          number: 'CN-DEMO-ALERT-7',
          applicant: 'A third-party olefins producer (illustrative)',
          note: 'Claims a regenerator layout close to the DMTO unit in Tengzhou',
          flaggedOn: '2026-10-02',
        },
      ],
      lastCheckedOn: '2026-11-01',
      illustrative: true,
    },
  ],
]);

const byNumber = new Map(patents.map((p) => [p.number, p]));

/** One patent by publication number, or null. */
export function patentByNumber(number) {
  return byNumber.get(number) ?? null;
}

/** The patents the register links to an achievement, by number. */
export function patentsOfAchievement(achievementId) {
  return patents
    .filter((p) => p.achievementId === achievementId)
    .sort((a, b) => a.number.localeCompare(b.number));
}

/** The watch of a project, or null when the project is not watched. */
export function watchOfProject(projectId) {
  const watch = watches.get(projectId);
  if (!watch) return null;
  return { ...watch, alerts: [...watch.alerts].sort((a, b) => b.flaggedOn.localeCompare(a.flaggedOn)) };
}
