import { request as httpRequest } from 'node:http';
import { expect, type Page } from '@playwright/test';

/** A name no other spec (or earlier run on the same database) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Where a screenshot of the guide's screen NN goes (ignored by git). */
export function shot(name: string): { path: string } {
  return { path: `e2e/screenshots/${name}.png` };
}

function origin(page: Page): string {
  return new URL(page.url() === 'about:blank' ? (process.env.TOLLGATE_E2E_URL ?? 'http://localhost:3000') : page.url()).origin;
}

/** Deploys an app through /v1 as the signed-in user (state changes need a same-origin Origin header). */
export async function createAppByApi(
  page: Page,
  spec: {
    name: string;
    labels?: Record<string, string>;
    region?: string;
    image?: string;
    projectId?: string;
    envVars?: { name: string; value: string; secret?: boolean }[];
    command?: string[];
  },
): Promise<{ id: string; url: string }> {
  const res = await page.request.post('/v1/app', {
    headers: { origin: origin(page), ...(spec.projectId ? { 'x-tollgate-project': spec.projectId } : {}) },
    data: {
      name: spec.name,
      image: spec.image ?? 'tollgate/echo',
      region: spec.region ?? 'GRA',
      labels: spec.labels ?? {},
      ...(spec.envVars ? { envVars: spec.envVars } : {}),
      ...(spec.command ? { command: spec.command } : {}),
    },
  });
  expect(res.ok(), `POST /v1/app answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  const app = (await res.json()) as { id: string; status: { url: string } };
  return { id: app.id, url: app.status.url };
}

/** Creates a token through /v1 and returns its id and secret. */
export async function createTokenByApi(
  page: Page,
  spec: { name: string; labelSelector: string; role: 'read' | 'operator'; region?: string },
): Promise<{ id: string; secret: string }> {
  const res = await page.request.post('/v1/token', {
    headers: { origin: origin(page) },
    data: { region: 'GRA', ...spec },
  });
  expect(res.ok(), `POST /v1/token answered ${res.status()}`).toBeTruthy();
  const token = (await res.json()) as { id: string; status: { value: string } };
  return { id: token.id, secret: token.status.value };
}

export async function deleteTokenByApi(page: Page, id: string): Promise<void> {
  const res = await page.request.delete(`/v1/token/${id}`, { headers: { origin: origin(page) } });
  expect(res.status()).toBe(204);
}

/**
 * GET an app URL (its path and query too) with a bearer token, the way curl
 * does. Node does not resolve *.localhost as browsers do, so connect to
 * 127.0.0.1 and send the app's Host.
 */
export function gatewayGet(url: string, secret: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: target.port || 80, path: `${target.pathname}${target.search}`, headers: { host: target.host, authorization: `Bearer ${secret}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function gatewayStatus(url: string, secret: string): Promise<number> {
  return (await gatewayGet(url, secret)).status;
}

/** Waits until the app answers `status` to this bearer token. */
export async function expectBearerStatus(url: string, secret: string, status: number): Promise<void> {
  await expect.poll(() => gatewayStatus(url, secret), { timeout: 15_000 }).toBe(status);
}

/** Deletes an app through /v1 (cleanup: a hello-world app left behind would crowd other specs' "hello-world" rows). */
export async function deleteAppByApi(page: Page, id: string): Promise<void> {
  const res = await page.request.delete(`/v1/app/${id}`, { headers: { origin: origin(page) } });
  expect([200, 404]).toContain(res.status());
}

/** Waits until GET /v1/app/{id} says `state`; returns the app. */
export async function waitForAppState(page: Page, id: string, state: string, timeout = 30_000): Promise<any> {
  let app: any = null;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/v1/app/${id}`);
        app = res.ok() ? await res.json() : null;
        return app?.status?.state;
      },
      { timeout, message: `app ${id} to be ${state}` },
    )
    .toBe(state);
  return app;
}
