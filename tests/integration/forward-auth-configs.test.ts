// The forward-auth snippets for proxies Debian does not package (Traefik, Envoy): no binary to run
// them here, so each is parsed as YAML after filling its placeholders, and its wiring checked:
// the decision path and headers Tollgate reads, the gate paths routed to Tollgate without the
// decision, the identity copied from Tollgate's answer only. (nginx and Caddy run for real in
// forward-auth-nginx.test.ts and forward-auth-caddy.test.ts; Caddy speaks Traefik's convention.)
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderSnippet, SNIPPETS } from './helpers/forward-auth-proxies.ts';

const APP_ID = '6f1c3b1e-4a8f-4d2c-9f00-0123456789ab';
const APP_HOST = `${APP_ID}.app.gra.example.com`;

describe('docs/forward-auth/traefik.yml (file provider)', () => {
  const config = parse(
    renderSnippet(SNIPPETS.traefik, {
      APP_HOST,
      APP_ID,
      APP_URL: 'http://app.internal:8080',
      TOLLGATE_URL: 'http://tollgate.internal:3000',
      AUTHZ_URL: 'http://tollgate.internal:9181/__tollgate/authz',
      AUTHZ_SECRET: 's'.repeat(32),
    }),
  ) as any;
  const { routers, middlewares, services } = config.http;

  it('routes the gate paths to Tollgate ahead of the app, keeping the Host', () => {
    const gate = routers[`tollgate-gate-${APP_ID}`];
    const app = routers[`app-${APP_ID}`];
    expect(gate.rule).toBe(`Host(\`${APP_HOST}\`) && PathPrefix(\`/__tollgate/\`)`);
    expect(gate.priority).toBeGreaterThan(app.rule.length);
    expect(gate.middlewares).toBeUndefined();
    expect(services[gate.service].loadBalancer).toMatchObject({ passHostHeader: true, servers: [{ url: 'http://tollgate.internal:3000' }] });
  });

  it('names the app, decides, then strips the secret, in that order', () => {
    const app = routers[`app-${APP_ID}`];
    expect(app.rule).toBe(`Host(\`${APP_HOST}\`)`);
    expect(app.middlewares).toEqual([`tollgate-name-${APP_ID}`, 'tollgate-authz', 'tollgate-strip']);
    for (const name of app.middlewares) expect(middlewares[name], name).toBeDefined();
    expect(middlewares[`tollgate-name-${APP_ID}`].headers.customRequestHeaders).toEqual({ 'X-Tollgate-App': APP_ID, 'X-Tollgate-Authz-Secret': 's'.repeat(32) });
    expect(middlewares['tollgate-strip'].headers.customRequestHeaders['X-Tollgate-Authz-Secret']).toBe('');
    expect(services[app.service].loadBalancer.servers).toEqual([{ url: 'http://app.internal:8080' }]);
  });

  it('asks the forward-auth path with Traefik\'s own X-Forwarded-* and copies the identity from the answer', () => {
    const auth = middlewares['tollgate-authz'].forwardAuth;
    expect(new URL(auth.address).pathname).toBe('/__tollgate/authz');
    expect(auth.trustForwardHeader).toBe(false);
    expect(auth.authResponseHeaders).toEqual(['X-Tollgate-Token-Id', 'X-Tollgate-Token-Name', 'X-Tollgate-Jwt-Assertion']);
  });
});

describe('docs/forward-auth/envoy.yaml (ext_authz, HTTP service)', () => {
  const config = parse(
    renderSnippet(SNIPPETS.envoy, {
      LISTEN_ADDRESS: '0.0.0.0',
      LISTEN_PORT: '8080',
      APP_HOST,
      APP_ID,
      APP_ADDRESS: 'app.internal',
      APP_PORT: '8080',
      TOLLGATE_ADDRESS: 'tollgate.internal',
      TOLLGATE_PORT: '3000',
      AUTHZ_ADDRESS: 'tollgate.internal',
      AUTHZ_PORT: '9181',
      AUTHZ_SECRET: '',
    }),
  ) as any;
  const listener = config.static_resources.listeners[0];
  const hcm = listener.filter_chains[0].filters[0].typed_config;
  const clusters = new Map<string, any>(config.static_resources.clusters.map((c: any) => [c.name, c]));

  it('uses v3 types throughout and ends its filter chain with the router', () => {
    const types: string[] = [];
    JSON.stringify(config, (key, value) => {
      if (key === '@type') types.push(value as string);
      return value;
    });
    expect(types.length).toBeGreaterThanOrEqual(4);
    for (const type of types) expect(type).toMatch(/^type\.googleapis\.com\/envoy\.extensions\.[a-z_.]+\.v3\.[A-Za-z]+$/);
    expect(hcm.http_filters.map((f: any) => f.name)).toEqual(['envoy.filters.http.ext_authz', 'envoy.filters.http.router']);
    expect(listener.address.socket_address).toEqual({ address: '0.0.0.0', port_value: 8080 });
  });

  it('asks /__tollgate/authz/envoy with the cookie, Accept and the app id; refuses when Tollgate cannot answer', () => {
    const authz = hcm.http_filters[0].typed_config;
    expect(authz.transport_api_version).toBe('V3');
    expect(authz.failure_mode_allow).toBe(false);
    expect(authz.http_service.path_prefix).toBe('/__tollgate/authz/envoy');
    expect(clusters.has(authz.http_service.server_uri.cluster)).toBe(true);
    expect(authz.http_service.authorization_request.allowed_headers.patterns).toEqual([{ exact: 'cookie' }, { exact: 'accept' }]);
    expect(authz.http_service.authorization_request.headers_to_add).toContainEqual({ key: 'X-Tollgate-App', value: APP_ID });
    expect(authz.http_service.authorization_response.allowed_upstream_headers.patterns).toEqual([
      { exact: 'x-tollgate-token-id' },
      { exact: 'x-tollgate-token-name' },
      { exact: 'x-tollgate-jwt-assertion' },
    ]);
  });

  it('routes the gate paths to Tollgate with the decision off, everything else to the app', () => {
    const host = hcm.route_config.virtual_hosts[0];
    expect(host.domains).toEqual([APP_HOST, `${APP_HOST}:*`]);
    const [gate, rest] = host.routes;
    expect(gate.match).toEqual({ prefix: '/__tollgate/' });
    expect(gate.typed_per_filter_config['envoy.filters.http.ext_authz'].disabled).toBe(true);
    expect(rest.match).toEqual({ prefix: '/' });
    for (const route of host.routes) expect(clusters.has(route.route.cluster), route.route.cluster).toBe(true);
    expect(clusters.get(gate.route.cluster).load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: 'tollgate.internal', port_value: 3000 });
  });
});
