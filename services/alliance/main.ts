// First: tracing must patch http, express, graphql and pg before they load.
import '../../shared/instrument';
import { runSubgraphProcess } from '../../shared/subgraph-main';
import { alliance } from './index';

runSubgraphProcess(alliance);
