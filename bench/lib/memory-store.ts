// The gateway's store over fixed data, no database: what bench:authz's resolver case and the
// --compare reference proxy (node-proxy.ts) decide against.
import type { GatewayApp, GatewayStore } from '../../lib/gateway/gateway-store.ts';
import { tokenRecordFixture } from '../../lib/tokens/test-support/token-record-fixture.ts';
import { resolveToken, type TokenRecord } from '../../lib/tokens/token-record.ts';

/** The bench token: a read token named bench, group=A in GRA unless told otherwise. */
export function benchToken(overrides: Partial<TokenRecord> & Pick<TokenRecord, 'id' | 'projectId'>): TokenRecord {
  return tokenRecordFixture({ name: 'bench', ...overrides });
}

/** One app and one token (found by `secretHash`); no sessions, no panel users, no gate codes. */
export function memoryStore({
  app,
  token,
  secretHash,
  touchToken = () => {},
}: {
  app: GatewayApp;
  token: TokenRecord;
  secretHash: string;
  touchToken?: GatewayStore['touchToken'];
}): GatewayStore {
  return {
    findApp: async (id) => (id === app.id ? app : null),
    findTokenByHash: async (hash) => (hash === secretHash ? resolveToken(token) : null),
    findTokenById: async (id) => (id === token.id ? token : null),
    findSession: async () => null,
    createSession: async () => {},
    deleteSession: async () => {},
    touchToken,
    findPanelUser: async () => null,
    consumeGateCode: async () => null,
  };
}
