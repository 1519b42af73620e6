import { describe, expect, it } from 'vitest';
import { ConfigError, panelOrigin, parseConfig } from './config.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(parseConfig({})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      BASE_DOMAIN: 'localhost',
      DATA_DIR: '.data',
      REGIONS: ['GRA', 'BHS'],
      ADMIN_EMAIL: 'admin@tollgate.local',
      LOG_LEVEL: 'info',
      METRICS_HOST: '127.0.0.1',
      ACCESS_LOG: true,
      SHUTDOWN_TIMEOUT: 10,
      RUNTIME: 'auto',
      RUNTIME_NAMESPACE: 'tollgate',
      TRUSTED_PROXIES: [],
      AUTHZ_HOST: '127.0.0.1',
    });
  });

  it('reads the forward-auth listener and secret', () => {
    const config = parseConfig({ AUTHZ_PORT: '9181', AUTHZ_HOST: '10.0.0.5', AUTHZ_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ AUTHZ_PORT: 9181, AUTHZ_HOST: '10.0.0.5', AUTHZ_SECRET: 'x'.repeat(32) });
  });

  it.each([
    [{ AUTHZ_PORT: 'http' }, 'Invalid configuration: AUTHZ_PORT must be a port number (got "http")'],
    [{ AUTHZ_PORT: '0' }, 'Invalid configuration: AUTHZ_PORT must be between 1 and 65535 (got "0")'],
    [{ AUTHZ_PORT: '3000' }, 'Invalid configuration: AUTHZ_PORT must differ from PORT (got "3000")'],
    [{ AUTHZ_HOST: 'a b' }, 'Invalid configuration: AUTHZ_HOST must be an address to listen on, such as 127.0.0.1 or 10.0.0.5 (got "a b")'],
    [{ AUTHZ_SECRET: 'short' }, /^Invalid configuration: AUTHZ_SECRET must be at least 32 characters$/],
  ])('refuses a bad forward-auth setting %j with one line', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('takes SWARM_NETWORK as a Docker network name, trimmed; unset or empty means one node', () => {
    expect(parseConfig({ SWARM_NETWORK: ' tollgate-apps ' }).SWARM_NETWORK).toBe('tollgate-apps');
    expect(parseConfig({ SWARM_NETWORK: '' }).SWARM_NETWORK).toBeUndefined();
    expect(parseConfig({}).SWARM_NETWORK).toBeUndefined();
    expect(() => parseConfig({ SWARM_NETWORK: 'my net' })).toThrow('Invalid configuration: SWARM_NETWORK must be a Docker network name (got "my net")');
  });

  it('takes a PUBLIC_URL on BASE_DOMAIN, and derives the panel origin without one', () => {
    expect(panelOrigin(parseConfig({}))).toBe('http://localhost:3000');
    expect(panelOrigin(parseConfig({ BASE_DOMAIN: 'ai.example.com', PUBLIC_URL: 'https://ai.example.com' }))).toBe('https://ai.example.com');
    expect(() => parseConfig({ BASE_DOMAIN: 'ai.example.com', PUBLIC_URL: 'https://other.example.com' })).toThrow(
      'Invalid configuration: PUBLIC_URL must be on BASE_DOMAIN (app hosts are <id>.app.<region>.<BASE_DOMAIN>) (got "https://other.example.com")',
    );
    expect(() => parseConfig({ PUBLIC_URL: 'ftp://localhost' })).toThrow('Invalid configuration: PUBLIC_URL must be an http:// or https:// URL such as https://ai.example.com (got "ftp://localhost")');
  });

  it('reads TRUSTED_PROXIES as a list of ranges, and names an entry that is not one', () => {
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(() => parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.local' })).toThrow(
      'Invalid configuration: TRUSTED_PROXIES must be a comma-separated list of IPs and CIDR ranges: "proxy.local" is not an IP address or CIDR range (got "10.0.0.0/8,proxy.local")',
    );
  });

  it.each([
    [{ RUNTIME: 'kubernetes' }, 'Invalid configuration: RUNTIME must be auto, process, docker or swarm (got "kubernetes")'],
    [{ RUNTIME_NAMESPACE: 'Tollgate Prod' }, 'Invalid configuration: RUNTIME_NAMESPACE must be lowercase letters, digits and "-" (at most 40) (got "Tollgate Prod")'],
    [{ DOCKER_HOST: '/var/run/docker.sock' }, 'Invalid configuration: DOCKER_HOST must be a unix://, tcp://, npipe:// or ssh:// address (got "/var/run/docker.sock")'],
  ])('refuses a bad runtime setting %j with one line', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('treats empty variables as unset and normalises regions', () => {
    const config = parseConfig({ DATABASE_URL: '', PORT: '', REGIONS: 'gra, bhs ,WAW' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.REGIONS).toEqual(['GRA', 'BHS', 'WAW']);
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be a port number (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be between 1 and 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'Invalid configuration: PORT must be a whole number (got "80.5")'],
    [{ REGIONS: 'g r' }, /REGIONS must be a comma-separated list/],
    [{ BASE_DOMAIN: 'bad..domain' }, /BASE_DOMAIN must be a DNS name/],
    [{ ADMIN_EMAIL: 'nobody' }, /ADMIN_EMAIL must be an email address/],
    [{ ADMIN_PASSWORD: 'short' }, /^Invalid configuration: ADMIN_PASSWORD must be at least 8 characters$/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres/],
    [{ AUTH_SECRET: 'tiny' }, /^Invalid configuration: AUTH_SECRET must be at least 32 characters$/],
    [{ LOG_LEVEL: 'verbose' }, 'Invalid configuration: LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "verbose")'],
    [{ LOG_FORMAT: 'xml' }, 'Invalid configuration: LOG_FORMAT must be json or pretty (got "xml")'],
    [{ ACCESS_LOG: 'maybe' }, 'Invalid configuration: ACCESS_LOG must be true or false (got "maybe")'],
    [{ METRICS_PORT: '0' }, 'Invalid configuration: METRICS_PORT must be between 1 and 65535 (got "0")'],
    [{ SHUTDOWN_TIMEOUT: 'soon' }, 'Invalid configuration: SHUTDOWN_TIMEOUT must be a number of seconds between 0 and 3600, such as 10, 10s or 500ms (got "soon")'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('reads the observability settings', () => {
    expect(parseConfig({ LOG_LEVEL: 'warn', LOG_FORMAT: 'pretty', METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', SHUTDOWN_TIMEOUT: '2.5s' })).toMatchObject({
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'pretty',
      METRICS_PORT: 9464,
      METRICS_HOST: '0.0.0.0',
      SHUTDOWN_TIMEOUT: 2.5,
    });
    expect(parseConfig({ SHUTDOWN_TIMEOUT: '500ms' }).SHUTDOWN_TIMEOUT).toBe(0.5);
    expect(parseConfig({ SHUTDOWN_TIMEOUT: '30' }).SHUTDOWN_TIMEOUT).toBe(30);
    expect(parseConfig({ ACCESS_LOG: 'false' }).ACCESS_LOG).toBe(false);
  });

  it('never echoes secrets back', () => {
    expect(() => parseConfig({ ADMIN_PASSWORD: 'abc' })).not.toThrow(/abc/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).not.toThrow(/hunter2/);
  });
});
