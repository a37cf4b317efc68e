import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { MAX_OPERATION_LABELS, ServiceMetrics, UNKNOWN_OPERATION, type MetricsAccess } from '../metrics';
import { metricsAccessOf, type Environment } from '../environment';

test('only the first operation names get labels of their own; the rest count as unknown', () => {
  const metrics = new ServiceMetrics('test');
  for (let i = 0; i < MAX_OPERATION_LABELS; i += 1) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
  expect(metrics.operationLabel('OneTooMany')).toBe(UNKNOWN_OPERATION);
  expect(metrics.operationLabel('Op7')).toBe('Op7');
  expect(metrics.operationLabel(undefined)).toBe(UNKNOWN_OPERATION);
});

describe('who may read /metrics', () => {
  const env = (values: Partial<Environment>) => values as Environment;

  test('production without METRICS_TOKEN: nobody; with it: its bearer; elsewhere: anyone unless a token is set', () => {
    expect(metricsAccessOf(env({ NODE_ENV: 'production' }))).toEqual({ kind: 'off' });
    expect(metricsAccessOf(env({ NODE_ENV: 'development' }))).toEqual({ kind: 'open' });
    expect(metricsAccessOf(env({ NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me-please-123' }))).toEqual({
      kind: 'token',
      token: 'scrape-me-please-123',
    });
  });

  async function statusOf(access: MetricsAccess, authorization?: string): Promise<number> {
    const app = express();
    app.get('/metrics', new ServiceMetrics('test').handler(access));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      return response.status;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  const cases: [MetricsAccess, string | undefined, number][] = [
    [{ kind: 'off' }, undefined, 404],
    [{ kind: 'open' }, undefined, 200],
    [{ kind: 'token', token: 'scrape-me-please-123' }, undefined, 401],
    [{ kind: 'token', token: 'scrape-me-please-123' }, 'Bearer wrong-token-wrong', 401],
    [{ kind: 'token', token: 'scrape-me-please-123' }, 'Bearer scrape-me-please-123', 200],
  ];
  test.each(cases)('%j with %s answers %i', async (access, authorization, status) => {
    expect(await statusOf(access, authorization)).toBe(status);
  });
});
