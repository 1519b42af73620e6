import { z } from 'zod';
import { parseIpRanges } from '../http/ip-ranges.ts';

// Every setting Tollgate reads from the environment, validated once.
// An empty variable counts as unset, so `DATABASE_URL= npm start` means "embedded".
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/** A TCP port: PORT, METRICS_PORT, AUTHZ_PORT. */
const portNumber = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const hostnameRule = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

const ipRangesList = z
  .string()
  .transform((raw) => raw.split(',').map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, ctx) => {
    const parsed = parseIpRanges(entries);
    if ('message' in parsed) ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of IPs and CIDR ranges: ${parsed.message}` });
  });

export const configSchema = z.object({
  PORT: z.preprocess(
    unsetIfEmpty,
    portNumber.default(3000),
  ),
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  BASE_DOMAIN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .toLowerCase()
      .regex(hostnameRule, 'must be a DNS name such as localhost or ai.example.com')
      .default('localhost'),
  ),
  // Where users reach the panel, when that is not http://BASE_DOMAIN:PORT (TLS at a proxy, another port):
  // app URLs, the panel sign-in round trip and the assertions' issuer follow it.
  PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as https://ai.example.com' })
      .refine((text) => new URL(text).pathname === '/', 'must be an origin, without a path')
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('.data')),
  REGIONS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('GRA,BHS')
      .transform((raw) => raw.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'must be a comma-separated list of region codes such as GRA,BHS'))
          .min(1, 'must name at least one region'),
      ),
  ),
  AUTH_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, 'must be at least 32 characters').optional()),
  ADMIN_EMAIL: z.preprocess(unsetIfEmpty, z.email('must be an email address').default('admin@tollgate.local')),
  ADMIN_PASSWORD: z.preprocess(unsetIfEmpty, z.string().min(8, 'must be at least 8 characters').optional()),
  RUNTIME: z.preprocess(
    unsetIfEmpty,
    z.enum(['auto', 'process', 'docker', 'swarm'], { error: 'must be auto, process, docker or swarm' }).default('auto'),
  ),
  // Labels every container, so Tollgate installs (and test runs) that share one engine never adopt or remove each other's.
  RUNTIME_NAMESPACE: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and "-" (at most 40)')
      .default('tollgate'),
  ),
  // Peers whose X-Forwarded-For (client address) and X-Forwarded-Proto (https) are believed.
  TRUSTED_PROXIES: z.preprocess(unsetIfEmpty, ipRangesList.default([])),
  DOCKER_HOST: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^(unix|tcp|npipe|ssh):\/\/\S+$/, 'must be a unix://, tcp://, npipe:// or ssh:// address')
      .optional(),
  ),
  // RUNTIME=swarm on several nodes: the overlay network Tollgate is attached to, which app tasks join (docs/swarm.md). Unset: one node, ports on 127.0.0.1.
  SWARM_NETWORK: z.preprocess(
    (value) => unsetIfEmpty(typeof value === 'string' ? value.trim() : value),
    z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'must be a Docker network name')
      .optional(),
  ),
  // Forward auth (docs/forward-auth/): the decision endpoint on a listener of its own, for a private network.
  AUTHZ_PORT: z.preprocess(unsetIfEmpty, portNumber.optional()),
  AUTHZ_HOST: z.preprocess(unsetIfEmpty, z.string().regex(/^[0-9A-Za-z.:-]+$/, 'must be an address to listen on, such as 127.0.0.1 or 10.0.0.5').default('127.0.0.1')),
  AUTHZ_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, 'must be at least 32 characters').regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it travels in a header)').optional()),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' })
      .default('info'),
  ),
  // One line per request (gateway, panel, /v1) at info level; false turns them off (oauth2-proxy's --request-logging).
  ACCESS_LOG: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true' || value === '1'),
  ),
  // Unset: json when stdout is not a terminal (a container, a pipe, a file), pretty on a terminal.
  LOG_FORMAT: z.preprocess(unsetIfEmpty, z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional()),
  // /metrics, /healthz and /readyz on a listener of their own, never on the public port; unset: no such listener.
  METRICS_PORT: z.preprocess(
    unsetIfEmpty,
    portNumber.optional(),
  ),
  METRICS_HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  // Seconds in-flight requests get to finish after SIGTERM ("10", "10s", "2.5", "500ms").
  SHUTDOWN_TIMEOUT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('10')
      .transform((raw, ctx) => {
        const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(raw.trim());
        const seconds = match ? Number(match[1]) / (match[2] === 'ms' ? 1000 : 1) : NaN;
        if (!(seconds >= 0 && seconds <= 3600)) {
          ctx.addIssue({ code: 'custom', message: 'must be a number of seconds between 0 and 3600, such as 10, 10s or 500ms' });
          return z.NEVER;
        }
        return seconds;
      }),
  ),
})
  .refine((c) => c.AUTHZ_PORT === undefined || c.AUTHZ_PORT !== c.PORT, { message: 'must differ from PORT', path: ['AUTHZ_PORT'] })
  // App hosts are <id>.app.<region>.<BASE_DOMAIN>: the public panel must be that same domain.
  .refine((c) => c.PUBLIC_URL === undefined || new URL(c.PUBLIC_URL).hostname === c.BASE_DOMAIN, {
    message: 'must be on BASE_DOMAIN (app hosts are <id>.app.<region>.<BASE_DOMAIN>)',
    path: ['PUBLIC_URL'],
  });

export type Config = z.infer<typeof configSchema>;

/** The panel's origin as users reach it (no trailing slash). */
export function panelOrigin(config: Pick<Config, 'PUBLIC_URL' | 'BASE_DOMAIN' | 'PORT'>): string {
  if (config.PUBLIC_URL) return new URL(config.PUBLIC_URL).origin;
  return new URL(`http://${config.BASE_DOMAIN}:${config.PORT}`).origin;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment');
  const got = env[variable];
  const shown = variable.includes('SECRET') || variable.includes('PASSWORD') || variable === 'DATABASE_URL' ? '' : ` (got "${got}")`;
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${shown}`);
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
