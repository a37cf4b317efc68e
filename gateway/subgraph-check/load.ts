import type { SupergraphConfig } from '../../shared/supergraph-config';
import { readSchemaSource } from '../../shared/type-defs';
import { fetchSubgraphSdl, type SecretOf } from '../supergraph';
import type { SubgraphSdl } from './composition';

/** The SDL of every subgraph of a config: its schema file when it names one, else asked of the subgraph. */
export async function loadSubgraphSdls(config: SupergraphConfig, secretOf: SecretOf): Promise<SubgraphSdl[]> {
  return Promise.all(
    config.subgraphs.map(async (s) => ({
      name: s.name,
      url: s.url,
      sdl: s.schema ? readSchemaSource(s.schema) : await fetchSubgraphSdl(s, secretOf),
    })),
  );
}
