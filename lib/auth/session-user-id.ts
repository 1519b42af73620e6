import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions } from './auth-options.ts';

/** The signed-in panel user's id from the session cookie, or null. Not proof the user still exists. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.user.id ?? null;
}
