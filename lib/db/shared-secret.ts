import type { PrismaClient } from './generated/client.ts';

/**
 * A secret Tollgate generates for itself, the same for every instance on this
 * database: the first instance to ask stores its candidate, and every other
 * (even one asking at the same instant) reads that one back. INSERT … ON
 * CONFLICT DO NOTHING makes the race harmless.
 */
export async function sharedSecret(prisma: PrismaClient, name: string, candidate: () => string): Promise<string> {
  await prisma.$executeRaw`INSERT INTO "GeneratedSecret" ("name", "value") VALUES (${name}, ${candidate()}) ON CONFLICT ("name") DO NOTHING`;
  const row = await prisma.generatedSecret.findUniqueOrThrow({ where: { name } });
  return row.value;
}
