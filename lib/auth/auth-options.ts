import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getPrisma } from '../db/db.ts';
import { createAuthLogger } from './auth-logger.ts';
import { verifyPassword } from './password.ts';
import { RateLimiter } from './rate-limiter.ts';

const credentialsSchema = z.object({
  email: z.email().trim().toLowerCase(),
  password: z.string().min(1).max(1024),
});

// Failed sign-ins per email (guessing one account) and per IP (spraying many).
// Kept on globalThis so every bundle of this module counts together.
const limits = globalThis as typeof globalThis & { __tollgateSignInLimits?: { email: RateLimiter; ip: RateLimiter } };
const signInLimits = (limits.__tollgateSignInLimits ??= {
  email: new RateLimiter(10, 15 * 60_000),
  ip: new RateLimiter(30, 15 * 60_000),
});

export const SIGN_IN_FAILED = 'Wrong email or password';

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
        const wait = Math.max(signInLimits.email.retryAfter(email), signInLimits.ip.retryAfter(ip));
        if (wait > 0) throw new Error(`Too many attempts, try again in ${wait} s`);
        // Counted before the (slow) hash, so parallel guesses can't all slip
        // under the limit; a correct password takes its attempt back.
        signInLimits.email.hit(email);
        signInLimits.ip.hit(ip);

        const prisma = await getPrisma();
        const user = await prisma.user.findUnique({ where: { email } });
        // Hash even for unknown emails so response time doesn't reveal which exist.
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok) throw new Error(SIGN_IN_FAILED);
        signInLimits.email.reset(email);
        signInLimits.ip.unhit(ip);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

// A valid scrypt hash of a random password, for constant-time misses.
const DUMMY_HASH =
  'scrypt$131072$8$1$c2FsdHNhbHRzYWx0c2FsdA$0hSP2p8uY7m3v0Gq1m3A1yJ0k2l6n9x4b8c5d7e9f0g';
