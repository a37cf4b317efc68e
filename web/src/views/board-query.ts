/** The board's state in the URL (filters, stages, order) and the API filter it makes. */
import { FOLDED_STAGES, type Stage, ALL_STAGES } from '../format';
import type { ProjectFilter, ProjectOrder } from '../gql/graphql';

export const ORDERS = {
  newest: { field: 'DOCKED_AT', direction: 'DESC' },
  oldest: { field: 'DOCKED_AT', direction: 'ASC' },
  moved: { field: 'STAGE_CHANGED_AT', direction: 'DESC' },
  code: { field: 'CODE', direction: 'ASC' },
  title: { field: 'TITLE', direction: 'ASC' },
} satisfies Record<string, ProjectOrder>;
export type OrderName = keyof typeof ORDERS;

/** Whether `value` names one of the board's orders (own keys only: `?order=toString` is none). */
export function isOrderName(value: string): value is OrderName {
  return Object.hasOwn(ORDERS, value);
}

/** The board's state as the URL holds it: every filter and the order, bookmarkable. */
export interface BoardQuery {
  stages: Stage[];
  alliance: string;
  institute: string;
  enterprise: string;
  base: string;
  fund: string;
  key: '' | 'yes' | 'no';
  from: string;
  to: string;
  q: string;
  order: OrderName;
}

export function readQuery(params: URLSearchParams): BoardQuery {
  const key = params.get('key');
  const order = params.get('order') ?? 'newest';
  return {
    stages: (params.get('stages') ?? '')
      .split(',')
      .filter((s): s is Stage => (ALL_STAGES as readonly string[]).includes(s)),
    alliance: params.get('alliance') ?? '',
    institute: params.get('institute') ?? '',
    enterprise: params.get('enterprise') ?? '',
    base: params.get('base') ?? '',
    fund: params.get('fund') ?? '',
    key: key === 'yes' || key === 'no' ? key : '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    q: params.get('q') ?? '',
    order: isOrderName(order) ? order : 'newest',
  };
}

export function writeQuery(query: BoardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.stages.length) params.set('stages', query.stages.join(','));
  for (const name of [
    'alliance',
    'institute',
    'enterprise',
    'base',
    'fund',
    'key',
    'from',
    'to',
    'q',
  ] as const) {
    if (query[name]) params.set(name, query[name]);
  }
  if (query.order !== 'newest') params.set('order', query.order);
  return params;
}

/** The API's filter for the board's query, without the stage (each column adds its own). */
export function projectFilter(query: BoardQuery): ProjectFilter {
  const filter: ProjectFilter = {};
  if (query.alliance) filter.allianceIds = [query.alliance];
  if (query.institute) filter.instituteIds = [query.institute];
  if (query.enterprise) filter.leadEnterpriseIds = [query.enterprise];
  if (query.base) filter.pilotBaseIds = [query.base];
  if (query.fund) filter.fundIds = [query.fund];
  if (query.key) filter.keyProject = query.key === 'yes';
  if (query.from) filter.dockedFrom = query.from;
  if (query.to) filter.dockedTo = query.to;
  if (query.q.trim()) filter.text = query.q.trim();
  return filter;
}

export const isFolded = (stage: Stage): boolean => (FOLDED_STAGES as readonly Stage[]).includes(stage);

/** A column's filter: the board's, narrowed to the column's stage. */
export const columnFilter = (filter: ProjectFilter, stage: Stage): ProjectFilter => ({
  ...filter,
  stages: [stage],
});

/** The stages the board shows: the ones asked for, or all of them. */
export const shownStages = (query: BoardQuery): Stage[] =>
  query.stages.length ? query.stages : [...ALL_STAGES];
