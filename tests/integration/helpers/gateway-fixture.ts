import { expect } from 'vitest';
import { apiClient, type Credential } from './api-client.ts';
import type { TestServer } from './test-server.ts';
import { waitFor } from './wait-for.ts';

/** Apps and tokens made through the /v1 API of a running test server. */
export function gatewayFixture(server: TestServer, admin: Credential) {
  const call = apiClient(server.url);
  // Unique across fixtures on one server: two fixtures must never ask for the same name.
  let n = 0;
  const run = Math.random().toString(36).slice(2, 7);
  return {
    call,
    async app(image: string, labels: Record<string, string>, extra: Record<string, unknown> = {}, as: Credential = admin) {
      const res = await call(as, 'POST', '/v1/app', { name: `gw-${run}-${++n}`, image, region: 'GRA', labels, ...extra });
      expect(res.status, res.text).toBe(200);
      return { id: res.body.id as string, url: res.body.status.url as string };
    },
    async token(labelSelector: string, role: 'read' | 'operator' = 'read', region = 'GRA', as: Credential = admin) {
      const res = await call(as, 'POST', '/v1/token', { name: `gw-token-${run}-${++n}`, labelSelector, role, region });
      expect(res.status, res.text).toBe(200);
      return { id: res.body.id as string, secret: res.body.status.value as string };
    },
    async state(id: string, wanted: string, as: Credential = admin) {
      return waitFor(async () => {
        const res = await call(as, 'GET', `/v1/app/${id}`);
        return res.body?.status?.state === wanted ? res.body : undefined;
      }, `app ${id} to be ${wanted}`);
    },
  };
}
