import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signLocalToken } from '../gateway/auth';
import { environment } from '../shared/environment';
import { startChildStack, type ChildStack } from './child-stack';

/**
 * One request is one trace: a client's W3C traceparent flows into the gateway, through its
 * plan and fetch spans to every subgraph, and down to their SQL statements. The stack runs
 * in child processes as `npm start` does (and, on PostgreSQL, as one process per service),
 * exporting OTLP/JSON to a receiver in this test.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
  scope: string;
}

const SERVER = 2;
const CLIENT = 3;

/** An OTLP/HTTP receiver that keeps every span it is sent. */
async function startReceiver(): Promise<{ url: string; spans: OtlpSpan[]; close: () => Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const request = JSON.parse(body) as {
          resourceSpans?: {
            scopeSpans?: { scope?: { name: string }; spans?: Omit<OtlpSpan, 'scope'>[] }[];
          }[];
        };
        for (const resource of request.resourceSpans ?? [])
          for (const scope of resource.scopeSpans ?? [])
            for (const span of scope.spans ?? []) spans.push({ ...span, scope: scope.scope?.name ?? '' });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const attribute = (span: OtlpSpan, key: string): string | undefined => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : String(value.intValue));
};

const CROSS = /* GraphQL */ `
  query Traced {
    project(id: "dmto-industrialization") {
      title
      achievement {
        title
      }
      leadEnterprise {
        name
      }
      investments {
        stage
      }
      bookings {
        id
      }
    }
  }
`;

async function traceOfOneQuery(stack: ChildStack, receiver: Awaited<ReturnType<typeof startReceiver>>) {
  const traceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  const token = await memberToken(stack);
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      traceparent: `00-${traceId}-${clientSpanId}-01`,
      'x-request-id': `traced-${traceId}`,
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: CROSS }),
  });
  const body = (await response.json()) as { data?: { project?: { title: string } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(body.data?.project?.title).toBe('DMTO industrialization at Levima Advanced Materials');

  // The spans arrive in batches: wait until the trace is whole (every parent arrived).
  const deadline = Date.now() + 30_000;
  for (;;) {
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    const ids = new Set(spans.map((s) => s.spanId));
    const whole =
      spans.length > 0 && spans.every((s) => s.parentSpanId === clientSpanId || ids.has(s.parentSpanId!));
    const sql = spans.filter((s) => s.scope.includes('instrumentation-pg'));
    if ((whole && sql.length >= 5) || Date.now() > deadline) return { traceId, clientSpanId, spans };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A member token signed with the child stack's AUTH_SECRET (the demo data hides details from anonymous callers). */
async function memberToken(stack: ChildStack): Promise<string> {
  return signLocalToken(
    new TextEncoder().encode(stack.env.AUTH_SECRET),
    {
      subject: 'enterprise:levima#user',
      organization: { type: 'enterprise', id: 'levima' },
      roles: ['VIEWER'],
    },
    'alliance-graph',
    'alliance-graph',
  );
}

function expectOneWellParentedTrace(trace: Awaited<ReturnType<typeof traceOfOneQuery>>): void {
  const { spans, clientSpanId } = trace;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  // One root: the gateway's server span, child of the client's span.
  const roots = spans.filter((s) => s.parentSpanId === clientSpanId);
  expect(roots).toHaveLength(1);
  expect(roots[0]?.kind).toBe(SERVER);
  expect(attribute(roots[0]!, 'alliance.service')).toBe('gateway');
  for (const span of spans)
    expect(span.parentSpanId === clientSpanId || byId.has(span.parentSpanId!)).toBe(true);

  // The gateway's own plan and fetch spans.
  const names = new Set(spans.map((s) => s.name));
  expect(names).toContain('gateway.plan');
  expect(names).toContain('gateway.fetch');

  /** The service whose server span is the nearest ancestor. */
  const serviceOf = (span: OtlpSpan): string | undefined => {
    for (let at: OtlpSpan | undefined = span; at; at = byId.get(at.parentSpanId ?? '')) {
      const service = at.kind === SERVER ? attribute(at, 'alliance.service') : undefined;
      if (service) return service;
    }
    return undefined;
  };
  const servers = spans.filter((s) => s.kind === SERVER).map((s) => attribute(s, 'alliance.service'));
  const subgraphs = new Set(servers.filter((s) => s && s !== 'gateway'));
  expect(subgraphs.size).toBeGreaterThanOrEqual(3);
  // Each subgraph's server span is the child of a span in its caller: the gateway's fetch
  // span or, for a subgraph-to-subgraph lookup (funds asks the alliance who may see a
  // project), a span of the asking subgraph's request.
  const subgraphServers = spans.filter(
    (s) => s.kind === SERVER && attribute(s, 'alliance.service') !== 'gateway',
  );
  for (const server of subgraphServers) {
    const parent = byId.get(server.parentSpanId!)!;
    expect(serviceOf(parent)).not.toBe(attribute(server, 'alliance.service'));
    if (serviceOf(parent) === 'gateway') expect(parent.name).toBe('gateway.fetch');
  }
  // Each server span names its route and the GraphQL operation it served.
  for (const server of spans.filter((s) => s.kind === SERVER)) {
    expect(server.name).toBe('POST /graphql');
    expect(attribute(server, 'graphql.operation.type')).toBe('query');
  }
  expect(attribute(roots[0]!, 'graphql.operation.name')).toBe('Traced');
  const calledByGateway = subgraphServers.filter((s) => serviceOf(byId.get(s.parentSpanId!)!) === 'gateway');
  expect(new Set(calledByGateway.map((s) => attribute(s, 'alliance.service'))).size).toBeGreaterThanOrEqual(
    3,
  );

  const sql = spans.filter((s) => s.scope.includes('instrumentation-pg') && s.kind === CLIENT);
  const withSql = new Set(sql.map(serviceOf));
  expect(withSql.size).toBeGreaterThanOrEqual(3);
  expect(withSql.has('gateway')).toBe(false);
  const statements = sql.map((s) => attribute(s, 'db.statement') ?? attribute(s, 'db.query.text') ?? '');
  expect(statements.some((text) => /select/i.test(text))).toBe(true);
  // Statement text, never the values bound to it.
  for (const text of statements) expect(text).not.toContain('dmto-industrialization');
}

describe('tracing through the one-process stack', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: ChildStack;

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startChildStack({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver.close();
  });

  test('one cross-subgraph query is one trace: gateway, at least three subgraphs and their SQL, each span under its parent', async () => {
    const trace = await traceOfOneQuery(stack, receiver);
    expectOneWellParentedTrace(trace);
    // With tracing on, the request is kept in the trace's context: the access log line of
    // the gateway and of every subgraph it reached still carries its id, and the trace's.
    const lines = stack
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes(`traced-${trace.traceId}`))
      .map((line) => JSON.parse(line) as { msg: string; service: string; traceId?: string });
    const accessLines = lines.filter((line) => line.msg === 'request');
    expect(accessLines.map((line) => line.service)).toContain('gateway');
    expect(new Set(accessLines.map((line) => line.service)).size).toBeGreaterThanOrEqual(4);
    for (const line of accessLines) expect(line.traceId).toBe(trace.traceId);
  }, 60_000);
});

const onPostgres = environment().TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('tracing through one process per service', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: ChildStack;

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startChildStack({
      separate: true,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver.close();
  });

  test('the same trace crosses the processes', async () => {
    expectOneWellParentedTrace(await traceOfOneQuery(stack, receiver));
  }, 60_000);
});
