import { ProjectEntity, type KeyProjectKind, type ProjectStage } from '../projects/project.entity';
import type { StageChangeEntity } from '../projects/stage-change.entity';
import { CONSORTIUM } from './seed';

/**
 * The Central Enterprises consortium's key projects, one of each kind article 004 names:
 * a pilot of a technology the country needs (semiconductors), facility sharing (a power
 * plant as a photovoltaic test site), a proof of concept (a new battery material) and a
 * one-stop service (finding a material, its money and its plant for 5G base stations).
 * The article names the kinds and the central SOEs, not the projects: every project here
 * is illustrative, built on achievements of the graph's CAS institutes.
 */
interface Planned {
  id: string;
  code: string;
  title: string;
  summary: string;
  kind: KeyProjectKind;
  achievementId: string;
  leadEnterpriseId: string;
  docked: string;
  /** The stages after DOCKING, each with the day it was reached. */
  steps: [ProjectStage, string, string][];
}

const PLANNED: Planned[] = [
  {
    id: 'consortium-arf-photoresist-pilot',
    code: 'CEC-2025-001',
    title: 'ArF photoresist monomers for domestic chip lithography (illustrative)',
    summary:
      "Illustrative: a consortium pilot project on ICCAS's ArF photoresist monomers, one of the semiconductor materials the country lacks, with Sinopec Guangzhou Engineering designing the pilot plant.",
    kind: 'PILOT',
    achievementId: 'iccas-arf-photoresist',
    leadEnterpriseId: 'sinopec-guangzhou-engineering',
    docked: '2025-07-15',
    steps: [['EVALUATION', '2025-09-01', "Referred to the consortium's expert committee"]],
  },
  {
    id: 'consortium-perovskite-field-trial',
    code: 'CEC-2025-002',
    title: 'Perovskite modules on a National Energy Group power plant (illustrative)',
    summary:
      "Illustrative: a facility-sharing project. The National Energy Group opens a power plant's grounds and grid connection to DICP's perovskite photovoltaic modules for an outdoor trial.",
    kind: 'FACILITY_SHARING',
    achievementId: 'dicp-perovskite-pv',
    leadEnterpriseId: 'national-energy-group',
    docked: '2025-07-20',
    steps: [
      ['EVALUATION', '2025-08-20', "Referred to the consortium's expert committee"],
      ['PROOF_OF_CONCEPT', '2025-10-10', 'The committee recommends advancing'],
      ['PILOT', '2026-03-01', 'Outdoor trial booked on the Ningdong test field'],
    ],
  },
  {
    id: 'consortium-silicon-anode-poc',
    code: 'CEC-2025-003',
    title: 'Silicon-carbon anode proof of concept for energy storage (illustrative)',
    summary:
      "Illustrative: a proof-of-concept project. ICCAS's silicon-carbon composite anode is made in a pilot production centre and tested in storage cells before CNPC decides to scale it up.",
    kind: 'PROOF_OF_CONCEPT',
    achievementId: 'iccas-silicon-anode',
    leadEnterpriseId: 'cnpc',
    docked: '2025-08-05',
    steps: [
      ['EVALUATION', '2025-09-15', "Referred to the consortium's expert committee"],
      ['PROOF_OF_CONCEPT', '2025-11-20', 'The committee recommends advancing'],
    ],
  },
  {
    id: 'consortium-5g-cable-one-stop',
    code: 'CEC-2025-004',
    title: 'One-stop sourcing of halogen-free cable compound for 5G base stations (illustrative)',
    summary:
      "Illustrative: a one-stop service project. China Telecom needs a halogen-free flame-retardant cable compound for its 5G base stations; the consortium finds CIAC's, the money and a plant in one place.",
    kind: 'ONE_STOP_SERVICE',
    achievementId: 'ciac-halogen-free-cable',
    leadEnterpriseId: 'china-telecom',
    docked: '2025-09-10',
    steps: [],
  },
];

const at = (date: string): Date => new Date(`${date}T08:00:00.000Z`);

export const consortiumProjects: ProjectEntity[] = PLANNED.map((p) => ({
  id: p.id,
  allianceId: CONSORTIUM,
  code: p.code,
  title: p.title,
  summary: p.summary,
  stage: p.steps.at(-1)?.[0] ?? 'DOCKING',
  keyProject: true,
  keyProjectKind: p.kind,
  achievementId: p.achievementId,
  leadEnterpriseId: p.leadEnterpriseId,
  illustrative: true,
  createdAt: at(p.docked),
  updatedAt: at(p.steps.at(-1)?.[1] ?? p.docked),
}));

/** Each project's stage history: docked, then each step in order. */
export const consortiumHistory: Omit<StageChangeEntity, 'seq'>[] = PLANNED.flatMap((p) => {
  const stages: ProjectStage[] = ['DOCKING', ...p.steps.map(([stage]) => stage)];
  return [
    {
      projectId: p.id,
      from: null,
      to: 'DOCKING' as const,
      by: 'secretariat',
      at: at(p.docked),
      reason: 'Docked an achievement with an enterprise',
    },
    ...p.steps.map(([to, day, reason], i) => ({
      projectId: p.id,
      from: stages[i] ?? null,
      to,
      by: 'secretariat',
      at: at(day),
      reason,
    })),
  ];
});
