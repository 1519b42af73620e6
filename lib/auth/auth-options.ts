import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { getPrisma } from '../db/db.ts';
import { createAuthLogger } from './auth-logger.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

const credentialsSchema = z.object({
  email: z.email().trim().toLowerCase(),
  password: z.string().min(1).max(1024),
});

// Kept on globalThis so every bundle of this module counts together.
const shared = globalThis as typeof globalThis & { __tollgateSignInThrottle?: SignInThrottle };
const throttle = (shared.__tollgateSignInThrottle ??= new SignInThrottle());

export const SIGN_IN_FAILED = 'Wrong email or password';

/** What the owner is told once signed in: wrong passwords tried since their previous sign-in. */
export interface SignInNotice {
  failedAttempts: number;
  /** ISO time of the previous sign-in; null on the first one. */
  previousSignInAt: string | null;
  /** This sign-in (ms since epoch): dismissing the notice is remembered against it. */
  signedInAt: number;
}

function clientIp(headers: Record<string, unknown> | undefined): string {
  // server.ts overwrites X-Forwarded-For with the socket's address.
  const value = headers?.['x-forwarded-for'];
  return typeof value === 'string' && value ? value : 'unknown';
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  logger: createAuthLogger(),
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new Error(SIGN_IN_FAILED);
        const { email, password } = parsed.data;
        const ip = clientIp(req?.headers);
        const decision = throttle.attempt(email, ip);
        // This client guessed too often: refused, while the owner elsewhere can still sign in.
        if (decision.refused) throw new Error(`Too many attempts, try again in ${decision.retryAfterSeconds} s`);
        // Served before the password check, so a guesser cannot skip it (see SignInThrottle).
        if (decision.delayMs > 0) await sleep(decision.delayMs);

        const prisma = await getPrisma();
        const user = await prisma.user.findUnique({ where: { email } });
        // Hash even for unknown emails so response time doesn't reveal which exist.
        const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
        if (!user || !ok) {
          // By email, not id: the same one-row write whether or not the account exists, so timing tells nothing.
          await prisma.user.updateMany({ where: { email }, data: { failedSignIns: { increment: 1 } } });
          throw new Error(SIGN_IN_FAILED);
        }
        throttle.succeeded(email, ip);
        const notice = await recordSignIn(user);
        return { id: user.id, email: user.email, name: user.name, signInNotice: notice };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        if (user.signInNotice) token.signInNotice = user.signInNotice;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      if (token.signInNotice) session.signInNotice = token.signInNotice;
      return session;
    },
  },
};

/**
 * Marks a successful sign-in and hands back the failures to tell the owner
 * about. Only the failures read before the password check are taken off the
 * counter: any that land in between are kept for the next sign-in.
 */
async function recordSignIn(user: { id: string; failedSignIns: number; lastSignInAt: Date | null }): Promise<SignInNotice | null> {
  const prisma = await getPrisma();
  const now = new Date();
  const seen = user.failedSignIns;
  const taken = await prisma.user.updateMany({
    where: { id: user.id, failedSignIns: { gte: seen } },
    data: { failedSignIns: { decrement: seen }, lastSignInAt: now },
  });
  // A concurrent sign-in took them first: it tells the owner; this one just records the time.
  if (taken.count === 0) await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  if (seen === 0) return null;
  return { failedAttempts: seen, previousSignInAt: user.lastSignInAt?.toISOString() ?? null, signedInAt: now.getTime() };
}

// A real scrypt hash (same parameters as every stored one) of a password
// nobody knows, made once per process: verifying against it costs what a real
// verification costs, so a miss takes as long as a wrong password.
const dummyHash = hashPassword(randomBytes(24).toString('base64url'));
