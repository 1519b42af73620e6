import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';
import { createAppByApi, createTokenByApi, deleteAppByApi, deleteTokenByApi, gatewayGet, shot, uniqueName, waitForAppState } from './panel-fixtures';

// External apps ("Protect an existing URL"): an app that already runs
// elsewhere, which Tollgate only gates. The spec takes `upstreamUrl` instead
// of `image`, with `preserveHost` and `tlsSkipVerify`.

const created: { apps: string[]; tokens: string[] } = { apps: [], tokens: [] };

test.afterEach(async ({ page }) => {
  for (const id of created.apps.splice(0)) await deleteAppByApi(page, id);
  for (const id of created.tokens.splice(0)) await deleteTokenByApi(page, id);
});

test('New app: "Protect an existing URL" shows the upstream fields, checks the URL in the browser, and flags skipping TLS verification in red', async ({ signedIn: page }) => {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/app') posts.push(request.url());
  });
  await page.goto('/apps/new');
  const imageKind = page.getByRole('radio', { name: /Deploy an image/ });
  const externalKind = page.getByRole('radio', { name: /Protect an existing URL/ });
  await expect(imageKind).toBeChecked();
  await expect(page.getByLabel('Image', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Upstream URL')).toHaveCount(0);

  await page.getByLabel('Name', { exact: true }).fill(uniqueName('ext-form'));
  await externalKind.check();
  await expect(page.getByLabel('Image', { exact: true })).toHaveCount(0);
  const url = page.getByLabel('Upstream URL');
  await expect(url).toBeVisible();
  // What a Tollgate that does not run the app has no use for.
  await expect(page.getByRole('textbox', { name: /^Command/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add env var' })).toHaveCount(0);
  await expect(page.getByLabel('Replicas')).toHaveCount(0);
  await expect(page.getByLabel('Port', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Health check path')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Unsecure HTTP' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add app' })).toBeVisible();

  // The URL, checked before anything is sent; the field with the error takes the focus.
  await url.fill('ftp://files.internal/');
  await page.getByRole('button', { name: 'Add app' }).click();
  await expect(page.getByText('The URL must start with http:// or https://')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toBeFocused();
  await url.fill('https://admin:hunter2@wiki.internal/');
  await expect(page.getByText('Leave the user name and password out of the URL: everyone who can read the app would see them')).toBeVisible();
  await url.fill('https://wiki.internal:8443/');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  expect(posts).toEqual([]);

  // Preserve host says which Host header the upstream gets.
  await expect(page.getByText('Off: requests carry the upstream\'s host (wiki.internal:8443) in their Host header.')).toBeVisible();
  await page.getByRole('switch', { name: 'Preserve host' }).click();
  await expect(page.getByRole('switch', { name: 'Preserve host' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText(/^On: requests keep the app's own host/)).toBeVisible();

  // Skip TLS verification: red, with the man-in-the-middle warning.
  const skip = page.getByRole('switch', { name: 'Skip TLS verification' });
  await skip.click();
  await expect(skip).toHaveAttribute('aria-checked', 'true');
  await expect(skip).toHaveClass(/bg-red-600/);
  const warning = page.getByRole('alert').filter({ hasText: 'Anyone on the way can read and change the traffic' });
  await expect(warning).toContainText('man-in-the-middle');
  await page.screenshot({ ...shot('external-01-new-app-form'), fullPage: true });
  await skip.click();
  await expect(warning).toHaveCount(0);

  // Back to an image: its fields again, the name kept.
  await imageKind.check();
  await expect(page.getByLabel('Image', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Upstream URL')).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(/^ext-form-/);
  expect(posts).toEqual([]);
});

test('New app: protecting a URL where a server runs gives an app that is RUNNING, shows its upstream, and answers through the gateway [needs the external-app backend]', async ({ signedIn: page }) => {
  test.setTimeout(90_000);
  await page.goto('/apps');

  const upstream: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ upstream: 'tiny', path: req.url, host: req.headers.host }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  try {
    const name = uniqueName('ext-tiny');
    await page.goto('/apps/new');
    await page.getByRole('radio', { name: /Protect an existing URL/ }).check();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Upstream URL').fill(upstreamUrl);
    await page.getByRole('radio', { name: /GRA/ }).check();
    await page.getByLabel('Health check path').fill('/health');
    await page.getByRole('button', { name: 'Add label' }).click();
    const label = page.getByRole('group', { name: 'Label 1' });
    await label.getByLabel('Key').fill('kind');
    await label.getByLabel('Value').fill('external');
    await page.getByRole('button', { name: 'Add app' }).click();

    await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    created.apps.push(id);
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    await expect(page.locator('main').getByText('RUNNING').first()).toBeVisible({ timeout: 20_000 });
    const upstreamCard = page.getByRole('region', { name: 'Upstream' });
    await expect(upstreamCard.getByText(upstreamUrl, { exact: true })).toBeVisible();
    await expect(upstreamCard).toContainText("The upstream's (127.0.0.1:");
    await expect(upstreamCard).toContainText('None: plain http');
    await expect(upstreamCard).toContainText('GET /health');
    await expect(page.getByRole('region', { name: 'Runtime' })).toHaveCount(0);
    await expect(page.getByText('Replicas', { exact: true })).toHaveCount(0);
    await page.screenshot({ ...shot('external-02-details'), fullPage: true });

    const app = await waitForAppState(page, id, 'RUNNING');
    expect(app.spec).toMatchObject({ image: null, upstreamUrl, preserveHost: false, tlsSkipVerify: false });
    const token = await createTokenByApi(page, { name: uniqueName('ext-read'), labelSelector: `ovh/id=${id}`, role: 'read' });
    created.tokens.push(token.id);
    const res = await gatewayGet(new URL('/through/gateway?x=1', app.status.url).toString(), token.secret);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ upstream: 'tiny', path: '/through/gateway?x=1', host: new URL(upstreamUrl).host });
  } finally {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  }
});

test("an external app's details: the upstream URL, the two flags (skipped TLS verification in red), no image, replicas or env vars (the API's answer shaped by the contract)", async ({ signedIn: page }) => {
  await page.goto('/apps');
  const { id } = await createAppByApi(page, { name: uniqueName('ext-details'), image: 'tollgate/echo' });
  created.apps.push(id);
  // GET /v1/app/{id} as it answers for an external app: image null, upstreamUrl and the flags set.
  await page.route(`**/v1/app/${id}`, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const app = await response.json();
    app.spec = { ...app.spec, image: null, command: null, envVars: [], upstreamUrl: 'https://10.1.2.3:8443/ui', preserveHost: true, tlsSkipVerify: true, probe: { path: '/health', port: 8443 } };
    app.status = { ...app.status, state: 'RUNNING', info: 'GET https://10.1.2.3:8443/health answered 200' };
    await route.fulfill({ response, json: app });
  });
  await page.goto(`/apps/${id}`);
  await expect(page.locator('main').getByText('https://10.1.2.3:8443/ui').first()).toBeVisible();
  const upstream = page.getByRole('region', { name: 'Upstream' });
  await expect(upstream).toContainText("Preserved: the app's own host");
  const skipped = upstream.getByText("Skipped: any certificate is accepted, a man-in-the-middle's too");
  await expect(skipped).toBeVisible();
  await expect(skipped).toHaveClass(/text-red-700/);
  await expect(upstream).toContainText('GET /health');
  await expect(page.getByRole('region', { name: 'Runtime' })).toHaveCount(0);
  await expect(page.getByText('Replicas', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Env vars', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit' })).toBeDisabled();
  await page.screenshot({ ...shot('external-03-details-tls-skipped'), fullPage: true });
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByText('Tollgate does not run this app')).toBeVisible();
});
