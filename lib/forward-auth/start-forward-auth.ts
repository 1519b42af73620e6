import type { AssertionSigner } from '../identity/identity-assertion.ts';
import { logger } from '../observability/logger.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Config } from '../config/config.ts';
import type { AccessResolver } from '../gateway/access-resolver.ts';
import type { GatewayStore } from '../gateway/gateway-store.ts';
import { errorEnvelope, writeJson } from '../http/error-envelope.ts';
import { ForwardAuth } from './forward-auth.ts';
import { isAuthzPath } from './original-request.ts';

export interface ForwardAuthService {
  /**
   * For the panel port: answers the request and returns true when it is a call
   * to the decision endpoint (any host: Envoy sends the app's own), else false.
   * With AUTHZ_PORT set the endpoint lives on that listener only.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** Where the dedicated listener listens, when AUTHZ_PORT is set. */
  url: string | null;
  close(): Promise<void>;
}

export async function startForwardAuth(options: {
  config: Pick<Config, 'AUTHZ_PORT' | 'AUTHZ_HOST' | 'AUTHZ_SECRET' | 'BASE_DOMAIN'>;
  store: GatewayStore;
  resolver: AccessResolver;
  assertions?: AssertionSigner;
  log: (line: string) => void;
}): Promise<ForwardAuthService> {
  const { config, log } = options;
  const forwardAuth = new ForwardAuth({
    store: options.store,
    resolver: options.resolver,
    baseDomain: config.BASE_DOMAIN,
    secret: config.AUTHZ_SECRET,
    assertions: options.assertions,
    log,
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const failed = (error: unknown) => {
      logger().error({ component: 'forward-auth', err: error }, 'forward-auth error');
      if (!res.headersSent) writeJson(res, 500, errorEnvelope('internal', 'Internal error'));
      else res.destroy();
    };
    try {
      forwardAuth.handle(req, res)?.catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  if (config.AUTHZ_PORT === undefined) {
    return {
      url: null,
      serve(req, res) {
        if (!isAuthzPath(req.url)) return false;
        handle(req, res);
        return true;
      },
      close: async () => {},
    };
  }

  // A listener of its own, for a private network: nothing but the endpoint is served there.
  const server: Server = createServer((req, res) => {
    if (isAuthzPath(req.url)) return handle(req, res);
    req.resume();
    writeJson(res, 404, errorEnvelope('not_found', 'Only the forward-auth endpoint is served here'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.AUTHZ_PORT, config.AUTHZ_HOST, () => resolve());
  });
  const url = `http://${config.AUTHZ_HOST.includes(':') ? `[${config.AUTHZ_HOST}]` : config.AUTHZ_HOST}:${config.AUTHZ_PORT}`;
  log(`forward-auth endpoint on ${url}/__tollgate/authz`);
  return {
    url,
    serve: () => false,
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
    },
  };
}
