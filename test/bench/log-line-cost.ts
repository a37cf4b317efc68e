import { serviceLogger } from '../../shared/logger';

/**
 * The CPU one access-log line costs, written by the process logger (shared/logger.ts, its
 * request-id and trace-id mixin included) with the fields of a subgraph's real line. A board
 * request writes six (the gateway's and five subgraphs'); compare with the stack's CPU per
 * request that `npm run bench:tracing` prints. Steadier on a shared machine than req/s, whose
 * noise there is larger than the effect. Stdout is the log, so pipe it as a container would:
 * `node --import tsx test/bench/log-line-cost.ts [lines] | cat > /dev/null` (the result
 * goes to stderr).
 */
const lines = Number(process.argv[2] ?? 100_000);
const log = serviceLogger('alliance');
const line = () =>
  log.info(
    {
      requestId: 'a5c64677-695f-4e4f-9021-884912b01eed',
      operationName: 'Board__alliance__0',
      operationType: 'query',
      organization: 'alliance:secretariat',
      durationMs: 106.8,
      status: 200,
      outcome: 'ok',
    },
    'request',
  );

// Warm up (JIT), then measure.
for (let i = 0; i < lines / 10; i += 1) line();
const started = process.cpuUsage();
for (let i = 0; i < lines; i += 1) line();
const used = process.cpuUsage(started);
process.stderr.write(
  `one access-log line: ${((used.user + used.system) / lines).toFixed(1)} µs CPU (mean of ${lines}, LOG_LEVEL=${log.level})\n`,
);
