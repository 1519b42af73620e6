import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../lib/bootstrap/bootstrap.ts';
import { verifyPassword } from '../../lib/auth/password.ts';
import { createTestDatabase } from './helpers/test-database.ts';

describe('first start on an empty database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates the admin, the demo project and a hello-world app labelled group=A, and never twice', async () => {
    const first = await bootstrap({ prisma: db.prisma, adminEmail: 'Admin@Example.com', regions: ['GRA', 'BHS'] });
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.com' } });
    expect(await verifyPassword(first.generatedPassword!, user.passwordHash)).toBe(true);
    expect(user.passwordHash).not.toContain(first.generatedPassword!);

    const project = await db.prisma.project.findUniqueOrThrow({ where: { slug: 'demo' }, include: { memberships: true } });
    expect(project.memberships).toEqual([expect.objectContaining({ userId: user.id, role: 'OWNER' })]);

    const apps = await db.prisma.app.findMany({ where: { projectId: project.id }, include: { events: true } });
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app).toMatchObject({ name: 'hello-world', image: 'infrastructureascode/hello-world', region: 'GRA', port: 8080 });
    expect(app.labels).toEqual({ group: 'A', 'ovh/id': app.id, 'ovh/type': 'app' });
    expect(app.events.map((e) => e.state)).toEqual(['QUEUED']);
    const audit = await db.prisma.auditEvent.findMany({ where: { targetId: app.id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'app.create', actorType: 'SYSTEM', projectId: project.id })]);

    const second = await bootstrap({ prisma: db.prisma, adminEmail: 'admin@example.com', regions: ['GRA', 'BHS'] });
    expect(second).toEqual({ created: false });
    expect(await db.prisma.user.count()).toBe(1);
    expect(await db.prisma.project.count()).toBe(1);
    expect(await db.prisma.app.count()).toBe(1);
  });

  it('uses the configured password and prints none', async () => {
    await db.prisma.app.deleteMany();
    await db.prisma.project.deleteMany();
    await db.prisma.user.deleteMany();
    const result = await bootstrap({ prisma: db.prisma, adminEmail: 'ops@example.com', adminPassword: 'correct horse', regions: ['BHS'] });
    expect(result).toEqual({ created: true, generatedPassword: undefined });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'ops@example.com' } });
    expect(await verifyPassword('correct horse', user.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong horse', user.passwordHash)).toBe(false);
    // The demo app goes to the first region when GRA isn't offered.
    expect((await db.prisma.app.findFirstOrThrow()).region).toBe('BHS');
  });
});
