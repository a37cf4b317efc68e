import type { GatewayPlugin } from '@graphql-hive/gateway';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { getOperationAST, parse, type ExecutionArgs, type ParseOptions, type Source } from 'graphql';
import { armorConfig, costDirectivesOf, pageOrCostRefusal, type QueryLimits } from '../limits';

/**
 * The project's query limits on Hive Gateway, from the same code as the project's gateway
 * (gateway/limits): graphql-armor's depth, alias, directive and suggestion rules with the
 * same settings (`armorConfig`, here as envelop plugins), graphql-js's token limit in the
 * parser, the body size, and the page-size and cost rule (`pageOrCostRefusal`) with the list sizes of the
 * supergraph's `@listSize`/`@cost`, refused before execution and so before any subgraph is
 * asked.
 *
 * Not Hive's own `demandControl`: it prices each subgraph request as the plan runs it,
 * summing as it goes, so a refusal can come after other subgraphs have answered (and run
 * their SQL), and it sizes lists differently (docs/operations.md, "A second gateway").
 */
export function limitPlugins(
  limits: QueryLimits,
  supergraphSdl: string,
  maxBodyBytes: number,
): GatewayPlugin[] {
  const directives = costDirectivesOf(supergraphSdl);
  const armor = new EnvelopArmor(armorConfig(limits)).protect();
  const tokens: GatewayPlugin = {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, parseOptions?: ParseOptions) =>
        parse(source, { ...parseOptions, maxTokens: limits.maxTokens }),
      );
    },
  };
  const pageAndCost: GatewayPlugin = {
    onExecute({ args, setResultAndStopExecution }) {
      const { document, operationName, variableValues, schema } = args as ExecutionArgs;
      const refusal = pageOrCostRefusal({
        document,
        operation: getOperationAST(document, operationName),
        variables: variableValues ?? {},
        schema,
        directives,
        maxCost: limits.maxCost,
      });
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
  // By its declared length, as the project's gateway's express.json refuses it (a chunked
  // body, which declares none, is not bounded here).
  const bodySize: GatewayPlugin = {
    onRequest(arriving) {
      if (Number(arriving.request.headers.get('content-length') ?? 0) <= maxBodyBytes) return;
      arriving.endResponse(
        Response.json(
          { errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }] },
          { status: 413 },
        ),
      );
    },
  };
  return [bodySize, ...(armor.plugins as GatewayPlugin[]), tokens, pageAndCost];
}
