import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { createToken } from '../../lib/tokens/create-token.ts';
import { regenerateToken } from '../../lib/tokens/regenerate-token.ts';
import { deleteToken } from '../../lib/tokens/delete-token.ts';
import { findTokenBySecret } from '../../lib/tokens/find-token-by-secret.ts';
import { TokenUseCounter } from '../../lib/tokens/record-token-use.ts';
import { tokenSpecSchema } from '../../lib/tokens/token-spec.ts';
import { userCaller } from './helpers/callers.ts';
import { createTestDatabase } from './helpers/test-database.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let projectId: string;
let queries = 0;
let counted: PrismaClient;
let caller: ReturnType<typeof userCaller>;
const spec = (name: string) => tokenSpecSchema(['GRA']).parse({ name, labelSelector: 'group=A', role: 'read', region: 'GRA' });

beforeAll(async () => {
  db = await createTestDatabase();
  projectId = (await db.prisma.project.create({ data: { slug: 'p', name: 'p' } })).id;
  caller = userCaller(crypto.randomUUID(), [projectId]);
  // Every operation through this client is counted.
  counted = db.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        queries++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
});
afterAll(async () => {
  await db?.drop();
});

describe('token lifecycle in the database', () => {
  it('stores only the SHA-256 of the secret, and finds the token by it', async () => {
    const token = await createToken({ prisma: db.prisma, caller, spec: spec('stored') });
    const secret = token.status.value!;
    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await findTokenBySecret(db.prisma, secret))?.record.id).toBe(token.id);
  });

  it('answers a forged checksum with zero database queries', async () => {
    const secret = (await createToken({ prisma: db.prisma, caller, spec: spec('forged') })).status.value!;
    queries = 0;
    expect(await findTokenBySecret(counted, secret)).not.toBeNull();
    expect(queries).toBe(1);
    queries = 0;
    const forged = secret.slice(0, 10) + (secret[10] === 'a' ? 'b' : 'a') + secret.slice(11);
    expect(await findTokenBySecret(counted, forged)).toBeNull();
    expect(await findTokenBySecret(counted, 'tg_short')).toBeNull();
    expect(await findTokenBySecret(counted, 'not a token at all')).toBeNull();
    expect(queries).toBe(0);
  });

  it('regenerating keeps id, name and scope, bumps the version, and ends the old secret and its sessions', async () => {
    const token = await createToken({ prisma: db.prisma, caller, spec: spec('regen') });
    const old = token.status.value!;
    const app = await db.prisma.app.create({ data: { id: crypto.randomUUID(), projectId, name: 'a', image: 'tollgate/echo', region: 'GRA', labels: {} } });
    await db.prisma.gateSession.create({
      data: { idHash: 'h1', appId: app.id, tokenId: token.id, tokenVersion: 1, expiresAt: new Date(Date.now() + 60_000) },
    });
    const renewed = await regenerateToken({ prisma: db.prisma, caller, tokenId: token.id });
    const secret = renewed.status.value!;
    expect(renewed).toMatchObject({ id: token.id, spec: { name: 'regen', labelSelector: 'group=A', role: 'read', region: 'GRA' }, status: { version: 2 } });
    expect(secret).not.toBe(old);
    expect(await findTokenBySecret(db.prisma, old)).toBeNull();
    expect((await findTokenBySecret(db.prisma, secret))?.record.version).toBe(2);
    expect(await db.prisma.gateSession.count({ where: { tokenId: token.id } })).toBe(0);
  });

  it('deleting ends the secret and its sessions; another project cannot delete it', async () => {
    const other = await db.prisma.project.create({ data: { slug: 'other', name: 'other' } });
    const token = await createToken({ prisma: db.prisma, caller, spec: spec('del') });
    const secret = token.status.value!;
    const otherMember = userCaller(caller.actor.id!, [projectId, other.id], { projectId: other.id });
    await expect(deleteToken({ prisma: db.prisma, caller: otherMember, tokenId: token.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await findTokenBySecret(db.prisma, secret)).not.toBeNull();
    await deleteToken({ prisma: db.prisma, caller, tokenId: token.id });
    expect(await findTokenBySecret(db.prisma, secret)).toBeNull();
  });

  it('writes an audit event for every change, in the same transaction', async () => {
    const fromIp = userCaller(crypto.randomUUID(), [projectId], { ip: '10.0.0.9' });
    const token = await createToken({ prisma: db.prisma, caller: fromIp, spec: spec('audited') });
    await regenerateToken({ prisma: db.prisma, caller, tokenId: token.id });
    await deleteToken({ prisma: db.prisma, caller, tokenId: token.id });
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: token.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['token.create', 'token.regenerate', 'token.delete']);
    expect(events[0]).toMatchObject({ actorType: 'USER', sourceIp: '10.0.0.9', projectId });
    // A failed change leaves no audit trace: the duplicate name rolls back both.
    const before = await db.prisma.auditEvent.count();
    await expect(createToken({ prisma: db.prisma, caller, spec: spec('stored') })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it('counts uses in memory and writes them in one batch: hourly requests, last use and last address', async () => {
    const token = await createToken({ prisma: db.prisma, caller, spec: spec('used') });
    let now = Date.parse('2026-11-30T10:15:00Z');
    const counter = new TokenUseCounter(counted, 60_000, () => now);
    queries = 0;
    for (let i = 0; i < 50; i++) counter.record(token.id, i % 2 ? '203.0.113.7' : '198.51.100.2');
    expect(queries).toBe(0);
    await counter.flush();
    // One upsert and one update, in one transaction.
    expect(queries).toBe(2);
    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt?.getTime()).toBe(now);
    expect(row.lastUsedIp).toBe('203.0.113.7');
    now += 10 * 60_000;
    counter.record(token.id, '203.0.113.7');
    await counter.flush();
    const hours = await db.prisma.tokenUsage.findMany({ where: { tokenId: token.id } });
    expect(hours).toEqual([expect.objectContaining({ hour: new Date('2026-11-30T10:00:00Z'), requests: 51 })]);
    queries = 0;
    await counter.flush();
    expect(queries).toBe(0);
  });
});
