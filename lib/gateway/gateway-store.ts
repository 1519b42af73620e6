import type { AppState, PrismaClient } from '../db/generated/client.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { asLabels, type Labels } from '../labels/labels.ts';
import { findTokenByHash } from '../tokens/find-token-by-secret.ts';
import { TOKEN_RECORD_SELECT, type ResolvedToken, type TokenRecord } from '../tokens/token-record.ts';
import { externalTarget } from '../runtime/controller/external-app.ts';
import type { Upstream } from './upstream.ts';

export interface GatewayApp {
  id: string;
  /** Shown on the gateway's pages (Sign in to <name>). */
  name: string;
  projectId: string;
  region: string;
  labels: Labels;
  unsecureHttp: boolean;
  state: AppState;
  /** Members of the app's project signed in to the panel may open it without a token. */
  allowPanelUsers: boolean;
  /** The replicas that answer their probe: where requests go. */
  replicas: readonly Upstream[];
}

export interface GatewaySession {
  idHash: string;
  appId: string;
  /** Opened with a token (Login with token), for one version of it ... */
  tokenId: string | null;
  tokenVersion: number | null;
  /** ... or by a panel user (Sign in with Tollgate). */
  userId: string | null;
  expiresAt: Date;
}

/** Everything the gateway reads or writes, so its logic can be tested and cached apart from Prisma. */
export interface GatewayStore {
  findApp(id: string): Promise<GatewayApp | null>;
  /** The token of a secret's hash: its current secret, or its previous one during a renew's grace. */
  findTokenByHash(secretHash: string): Promise<ResolvedToken | null>;
  findTokenById(id: string): Promise<TokenRecord | null>;
  findSession(idHash: string): Promise<GatewaySession | null>;
  createSession(session: GatewaySession): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Counts a request made with the token, from `ip` (written later, in batches). */
  touchToken(token: TokenRecord, ip: string): void;
  /** A panel user as a gate session needs them: who, and the projects they belong to now. */
  findPanelUser(id: string): Promise<PanelUser | null>;
  /** Takes a "Sign in with Tollgate" code: it answers once, then never again. */
  consumeGateCode(codeHash: string): Promise<GateCode | null>;
}

export interface PanelUser {
  id: string;
  email: string;
  projectIds: ReadonlySet<string>;
}

export interface GateCode {
  appId: string;
  userId: string;
  /** The app host it was issued for. */
  host: string;
  next: string;
  expiresAt: Date;
}

export function prismaGatewayStore(prisma: PrismaClient, touchToken: (token: TokenRecord, ip: string) => void): GatewayStore {
  return {
    async findApp(id) {
      const app = await prisma.app.findUnique({
        where: { id },
        select: {
          id: true,
          name: true,
          projectId: true,
          region: true,
          labels: true,
          unsecureHttp: true,
          allowPanelUsers: true,
          state: true,
          upstreamUrl: true,
          preserveHost: true,
          tlsSkipVerify: true,
          replicaSet: { where: { ready: true }, select: { host: true, port: true }, orderBy: { slot: 'asc' } },
        },
      });
      if (!app) return null;
      const { replicaSet, upstreamUrl, preserveHost, tlsSkipVerify, ...rest } = app;
      // An external app's one replica is its URL: dialled with its TLS settings, and its Host unless preserved.
      const external = upstreamUrl === null ? null : externalTarget({ url: upstreamUrl, preserveHost, tlsSkipVerify });
      const replicas = external
        ? replicaSet.map(() => ({ ...external, ...(preserveHost ? { hostHeader: undefined } : {}) }))
        : replicaSet;
      return { ...rest, labels: asLabels(app.labels), replicas };
    },
    findTokenByHash: (secretHash) => findTokenByHash(prisma, secretHash),
    findTokenById: (id) => prisma.token.findUnique({ where: { id }, select: TOKEN_RECORD_SELECT }),
    findSession: (idHash) =>
      prisma.gateSession.findUnique({
        where: { idHash },
        select: { idHash: true, appId: true, tokenId: true, tokenVersion: true, userId: true, expiresAt: true },
      }),
    async createSession(session) {
      await prisma.gateSession.create({ data: session });
    },
    async deleteSession(idHash) {
      await prisma.$transaction(async (tx) => {
        await tx.gateSession.deleteMany({ where: { idHash } });
        await notifyChange(tx, { kind: 'session', idHash });
      });
      publishLocal({ kind: 'session', idHash });
    },
    touchToken,
    async findPanelUser(id) {
      const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true, memberships: { select: { projectId: true } } } });
      return user ? { id: user.id, email: user.email, projectIds: new Set(user.memberships.map((m) => m.projectId)) } : null;
    },
    async consumeGateCode(codeHash) {
      // Deleted as it is read, in one statement: two requests with one code cannot both have it.
      const rows = await prisma.$queryRaw<GateCode[]>`
        DELETE FROM "GateAuthCode" WHERE "codeHash" = ${codeHash}
        RETURNING "appId"::text AS "appId", "userId"::text AS "userId", "host", "next", "expiresAt"`;
      return rows[0] ?? null;
    },
  };
}
