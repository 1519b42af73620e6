// An in-memory GatewayStore for unit tests of the gateway's logic: the
// interface exists so the decisions can be tested apart from Prisma.
import { resolveToken, type TokenRecord } from '../../tokens/token-record.ts';
import { hashTokenSecret } from '../../tokens/token-secret.ts';
import type { GateCode, GatewayApp, GatewaySession, GatewayStore, PanelUser } from '../gateway-store.ts';

export interface FakeGatewayStore extends GatewayStore {
  apps: Map<string, GatewayApp>;
  tokens: Map<string, TokenRecord & { secretHash: string }>;
  sessions: Map<string, GatewaySession>;
  users: Map<string, PanelUser>;
  codes: Map<string, GateCode>;
  /** Lookups by kind, to show what a cache spared the database. */
  calls: { app: number; tokenByHash: number; tokenById: number; session: number };
  addToken(secret: string, record: TokenRecord): void;
}

export function fakeGatewayStore(): FakeGatewayStore {
  const apps = new Map<string, GatewayApp>();
  const tokens = new Map<string, TokenRecord & { secretHash: string }>();
  const sessions = new Map<string, GatewaySession>();
  const calls = { app: 0, tokenByHash: 0, tokenById: 0, session: 0 };
  const users = new Map<string, PanelUser>();
  const codes = new Map<string, GateCode>();
  const strip = (row: (TokenRecord & { secretHash: string }) | undefined): TokenRecord | null => {
    if (!row) return null;
    const { secretHash: _hidden, ...record } = row;
    return record;
  };
  return {
    apps,
    tokens,
    sessions,
    users,
    codes,
    calls,
    addToken(secret, record) {
      tokens.set(record.id, { ...record, secretHash: hashTokenSecret(secret) });
    },
    async findApp(id) {
      calls.app++;
      return apps.get(id) ?? null;
    },
    async findTokenByHash(hash) {
      calls.tokenByHash++;
      const record = strip([...tokens.values()].find((t) => t.secretHash === hash));
      return record ? resolveToken(record) : null;
    },
    async findTokenById(id) {
      calls.tokenById++;
      return strip(tokens.get(id));
    },
    async findSession(idHash) {
      calls.session++;
      return sessions.get(idHash) ?? null;
    },
    async createSession(session) {
      sessions.set(session.idHash, session);
    },
    async deleteSession(idHash) {
      sessions.delete(idHash);
    },
    touchToken() {},
    async findPanelUser(id) {
      return users.get(id) ?? null;
    },
    async consumeGateCode(codeHash) {
      const code = codes.get(codeHash) ?? null;
      codes.delete(codeHash);
      return code;
    },
  };
}
