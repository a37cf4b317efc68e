import { runSubgraphProcess } from '../../shared/subgraph-main';
import { pilotBases } from './index';

runSubgraphProcess(pilotBases);
