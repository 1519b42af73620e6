import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';

// Helpers for the token and activity specs: tokens with the fields New Token
// now sends, renew with a grace period, and apps that cost nothing to run.

function origin(page: Page): string {
  return new URL(page.url() === 'about:blank' ? (process.env.TOLLGATE_E2E_URL ?? 'http://localhost:3000') : page.url()).origin;
}

export interface TokenSpec {
  name: string;
  labelSelector: string;
  role?: 'read' | 'operator';
  region?: string;
  description?: string;
  expiresAt?: string | null;
  allowedIps?: string[];
}

/** POST /v1/token with any of its fields; returns the id and the secret. */
export async function createToken(page: Page, spec: TokenSpec): Promise<{ id: string; secret: string }> {
  const res = await page.request.post('/v1/token', { headers: { origin: origin(page) }, data: { role: 'read', region: 'GRA', ...spec } });
  expect(res.ok(), `POST /v1/token answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  const token = (await res.json()) as { id: string; status: { value: string } };
  return { id: token.id, secret: token.status.value };
}

/** POST /v1/token/{id}/renew; returns the new secret. */
export async function renewToken(page: Page, id: string, gracePeriodSeconds = 0): Promise<string> {
  const res = await page.request.post(`/v1/token/${id}/renew`, { headers: { origin: origin(page) }, data: { gracePeriodSeconds } });
  expect(res.ok(), `renew answered ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { status: { value: string } }).status.value;
}

export async function deleteToken(page: Page, id: string): Promise<void> {
  const res = await page.request.delete(`/v1/token/${id}`, { headers: { origin: origin(page) } });
  expect([204, 404]).toContain(res.status());
}

/** A local upstream that answers 200 to anything, for external apps (stop it with close()). */
export async function startUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * An external app (Tollgate only gates it, runs nothing): a cheap way to have
 * many apps match a selector.
 */
export async function createExternalApp(page: Page, spec: { name: string; upstreamUrl: string; labels: Record<string, string>; region?: string }): Promise<string> {
  const res = await page.request.post('/v1/app', {
    headers: { origin: origin(page) },
    data: { region: 'GRA', ...spec },
  });
  expect(res.ok(), `POST /v1/app answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  return ((await res.json()) as { id: string }).id;
}

/** PUT /v1/app/{id}/label (value null removes it). */
export async function setAppLabel(page: Page, id: string, name: string, value: string | null): Promise<void> {
  const res = await page.request.put(`/v1/app/${id}/label`, { headers: { origin: origin(page) }, data: { name, value } });
  expect(res.ok(), `PUT label answered ${res.status()}`).toBeTruthy();
}
