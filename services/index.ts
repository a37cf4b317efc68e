import type { AnySubgraphModule } from '../shared/subgraph-server';
import { alliance } from './alliance';
import { enterprises } from './enterprises';
import { funds } from './funds';
import { institutes } from './institutes';
import { pilotBases } from './pilot-bases';

/** The members' own subgraphs, in start order (the alliance checks references with the others). */
export const memberSubgraphs: AnySubgraphModule[] = [institutes, enterprises, pilotBases, funds, alliance];
