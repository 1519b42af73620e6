import type { PrismaClient } from '../db/generated/client.ts';
import { appSpecSchema } from '../apps/app-spec.ts';
import { createApp } from '../apps/create-app.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';

export interface BootstrapOptions {
  prisma: PrismaClient;
  adminEmail: string;
  adminPassword?: string;
  regions: readonly string[];
}

export interface BootstrapResult {
  created: boolean;
  /** Only when the password was generated: the caller prints it once. */
  generatedPassword?: string;
}

/**
 * First start on an empty database: the first admin, the "demo" project and a
 * hello-world app labelled group=A, submitted through the same path as the API.
 * Any later start finds a user and does nothing, so restarts never duplicate.
 */
export async function bootstrap(options: BootstrapOptions): Promise<BootstrapResult> {
  const { prisma } = options;
  if ((await prisma.user.count()) > 0) return { created: false };

  const password = options.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const seeded = await prisma.$transaction(async (tx) => {
    // Several instances may start at once on an empty database: one seeds, the others wait for it and find a user.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7340221102)`;
    if ((await tx.user.count()) > 0) return null;
    const user = await tx.user.create({
      data: { email: options.adminEmail.toLowerCase(), name: 'Admin', passwordHash },
    });
    const project = await tx.project.create({
      data: {
        slug: 'demo',
        name: 'demo',
        memberships: { create: { userId: user.id, role: 'OWNER' } },
      },
    });
    return { user, project };
  });
  if (!seeded) return { created: false };
  const { user, project } = seeded;

  const region = options.regions.includes('GRA') ? 'GRA' : options.regions[0]!;
  const spec = appSpecSchema({ regions: options.regions }).parse({
    name: 'hello-world',
    image: 'infrastructureascode/hello-world',
    region,
    labels: { group: 'A' },
  });
  // The admin's rights, recorded as the system's doing: nobody clicked Deploy.
  await createApp({
    prisma,
    caller: {
      kind: 'user',
      userId: user.id,
      projectId: project.id,
      credential: { kind: 'user', userId: user.id, projectIds: new Set([project.id]) },
      actor: { type: 'SYSTEM' },
    },
    spec,
  });

  return { created: true, generatedPassword: options.adminPassword ? undefined : password };
}
