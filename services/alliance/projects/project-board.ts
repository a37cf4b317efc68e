import { parseDay } from '../../../shared/dates';
import { BadUserInputError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { isStringPair, pageRequest, type PageArgs, type PageRequest } from '../../../shared/pagination';
import type { PeerClient } from '../../../shared/peers';
import type { ProjectEntity, ProjectStage } from './project.entity';
import type {
  OrderDirection,
  ProjectFilter as ProjectFilterInput,
  ProjectOrder as ProjectOrderInput,
  ProjectOrderField,
} from '../generated/graphql';

export type { ProjectOrderField };

/**
 * The project board: `Query.projects` filtered, ordered and paged both ways. The arguments
 * are checked here before anything runs (no SQL, no call to another subgraph); facts other
 * subgraphs own (an achievement's institute, a base's bookings, a fund's investments) are
 * asked of them as the caller, so what the caller may not see there does not count here.
 */

/** The board's arguments as the resolver gets them. */
export interface ProjectBoardArgs extends PageArgs {
  filter?: ProjectFilterInput | null;
  orderBy?: ProjectOrderInput | null;
}

/** A checked filter over the alliance's own columns, plus the ids the peers are asked about. */
export interface ProjectFilter {
  stages?: ProjectStage[];
  keyProject?: boolean;
  allianceIds?: string[];
  leadEnterpriseIds?: string[];
  achievementIds?: string[];
  /** Only projects among these ids (answers of the pilot-bases and funds subgraphs, each a set). */
  projectIdSets?: string[][];
  /** Only projects of these achievements (an answer of the institutes subgraph). */
  achievementIdSets?: string[][];
  /** Half-open instants [from, to) of the docking and of the last stage change. */
  dockedFrom?: string;
  dockedBefore?: string;
  stageChangedFrom?: string;
  stageChangedBefore?: string;
  /** A LIKE pattern, wildcards of the text escaped. */
  textPattern?: string;
}

/** What the peers are asked before the list is read. */
interface PeerQuestions {
  instituteIds?: string[];
  pilotBaseIds?: string[];
  fundIds?: string[];
}

export interface ProjectOrder {
  field: ProjectOrderField;
  direction: OrderDirection;
}

/** Keyset of every board order: [sort value as text (ISO instant, code or title), id]. */
export type ProjectKey = [string, string];

export function projectKeyOf(order: ProjectOrder): (project: ProjectEntity) => ProjectKey {
  switch (order.field) {
    case 'DOCKED_AT':
      return (p) => [p.createdAt.toISOString(), p.id];
    case 'STAGE_CHANGED_AT':
      return (p) => [(p.stageChangedAt ?? p.createdAt).toISOString(), p.id];
    case 'CODE':
      return (p) => [p.code, p.id];
    case 'TITLE':
      return (p) => [p.title, p.id];
  }
}

/** A checked board request: nothing in it can make the statement fail. */
export interface ProjectBoardRequest {
  filter: ProjectFilter;
  peers: PeerQuestions;
  order: ProjectOrder;
  page: PageRequest<ProjectKey>;
}

/** Id lists in a filter are capped: the board is a screen, not an export. */
const MAX_IDS = 100;
const MAX_TEXT = 100;

function idList(values: string[] | null | undefined, field: string): string[] | undefined {
  if (values === null || values === undefined) return undefined;
  if (values.length === 0) throw new BadUserInputError(`${field} must name at least one id`, field);
  if (values.length > MAX_IDS) throw new BadUserInputError(`${field} takes at most ${MAX_IDS} ids`, field);
  return [...new Set(values)];
}

/** The first instant of a China day (UTC+8), ISO. */
const startOfChinaDay = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The first instant after a China day. */
const endOfChinaDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/** An inclusive range of China days as a half-open range of instants; `to` before `from` is refused. */
function dayRange(
  from: string | null | undefined,
  to: string | null | undefined,
  fields: { from: string; to: string },
): { from?: string; before?: string } {
  const fromDay = from === null || from === undefined ? undefined : parseDay(from, `filter.${fields.from}`);
  const toDay = to === null || to === undefined ? undefined : parseDay(to, `filter.${fields.to}`);
  if (fromDay && toDay && toDay < fromDay) {
    throw new BadUserInputError(`${fields.to} must not be before ${fields.from}`, `filter.${fields.to}`);
  }
  return {
    ...(fromDay ? { from: startOfChinaDay(fromDay) } : {}),
    ...(toDay ? { before: endOfChinaDay(toDay) } : {}),
  };
}

/** Checks the board's arguments; BAD_USER_INPUT naming the argument (`filter.stages`, `last`, `before`…). */
export function parseProjectBoard(args: ProjectBoardArgs): ProjectBoardRequest {
  const input = args.filter ?? {};
  const filter: ProjectFilter = {};
  if (input.stages !== null && input.stages !== undefined) {
    if (input.stages.length === 0)
      throw new BadUserInputError('stages must name at least one stage', 'filter.stages');
  }
  const stages = [...(input.stages ?? []), ...(input.stage ? [input.stage] : [])];
  if (stages.length) filter.stages = [...new Set(stages)];
  if (typeof input.keyProject === 'boolean') filter.keyProject = input.keyProject;
  const alliances = idList(input.allianceIds, 'filter.allianceIds');
  if (alliances) filter.allianceIds = alliances;
  const leads = idList(input.leadEnterpriseIds, 'filter.leadEnterpriseIds');
  if (leads) filter.leadEnterpriseIds = leads;
  const achievements = idList(input.achievementIds, 'filter.achievementIds');
  if (achievements) filter.achievementIds = achievements;
  const peers: PeerQuestions = {};
  const institutes = idList(input.instituteIds, 'filter.instituteIds');
  if (institutes) peers.instituteIds = institutes;
  const bases = idList(input.pilotBaseIds, 'filter.pilotBaseIds');
  if (bases) peers.pilotBaseIds = bases;
  const funds = idList(input.fundIds, 'filter.fundIds');
  if (funds) peers.fundIds = funds;
  const docked = dayRange(input.dockedFrom, input.dockedTo, { from: 'dockedFrom', to: 'dockedTo' });
  if (docked.from) filter.dockedFrom = docked.from;
  if (docked.before) filter.dockedBefore = docked.before;
  const changed = dayRange(input.stageChangedFrom, input.stageChangedTo, {
    from: 'stageChangedFrom',
    to: 'stageChangedTo',
  });
  if (changed.from) filter.stageChangedFrom = changed.from;
  if (changed.before) filter.stageChangedBefore = changed.before;
  if (input.text !== null && input.text !== undefined) {
    const text = input.text.trim();
    if (text.length < 1 || text.length > MAX_TEXT) {
      throw new BadUserInputError(`text must be 1–${MAX_TEXT} characters`, 'filter.text');
    }
    filter.textPattern = `%${text.replace(/[%_\\]/g, '\\$&')}%`;
  }
  const order: ProjectOrder = {
    field: args.orderBy?.field ?? 'DOCKED_AT',
    direction: args.orderBy?.direction ?? 'DESC',
  };
  // The cursor names its order: one from another order would skip or repeat projects.
  const page = pageRequest(args, isStringPair, `projects:${order.field}:${order.direction}`);
  return { filter, peers, order, page };
}

/**
 * Answers the filter's questions to the subgraphs that own the facts, as the caller, in
 * parallel, one call per subgraph: the achievements of the institutes, the projects booked
 * at the bases, the projects the funds invested in. Each answer narrows the filter.
 */
export async function askPeers(
  filter: ProjectFilter,
  questions: PeerQuestions,
  peers: PeerClient,
  caller: Caller,
): Promise<ProjectFilter> {
  const union = <T extends { id: string }>(answer: Map<string, T>, pick: (entity: T) => string[]) => [
    ...new Set([...answer.values()].flatMap(pick)),
  ];
  const [achievementIds, booked, invested] = await Promise.all([
    questions.instituteIds &&
      peers
        .entities<{ id: string; achievementIds: string[] }>(
          'institutes',
          'Institute',
          questions.instituteIds,
          'achievementIds',
          caller,
        )
        .then((answer) => union(answer, (i) => i.achievementIds)),
    questions.pilotBaseIds &&
      peers
        .entities<{ id: string; bookedProjectIds: string[] }>(
          'pilot-bases',
          'PilotBase',
          questions.pilotBaseIds,
          'bookedProjectIds',
          caller,
        )
        .then((answer) => union(answer, (b) => b.bookedProjectIds)),
    questions.fundIds &&
      peers
        .entities<{ id: string; investedProjectIds: string[] }>(
          'funds',
          'Fund',
          questions.fundIds,
          'investedProjectIds',
          caller,
        )
        .then((answer) => union(answer, (f) => f.investedProjectIds)),
  ]);
  const projectIdSets = [booked, invested].filter((ids): ids is string[] => Array.isArray(ids));
  return {
    ...filter,
    ...(achievementIds ? { achievementIdSets: [achievementIds] } : {}),
    ...(projectIdSets.length ? { projectIdSets } : {}),
  };
}
