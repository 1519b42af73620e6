import 'server-only';
import { cookies } from 'next/headers';
import type { SignInNotice } from '../auth/auth-options.ts';
import { getSession } from './current-user.ts';

// Remembers, per sign-in, that its notice was dismissed (the session itself cannot be rewritten from a page).
const DISMISSED_COOKIE = 'tg_signin_notice';

async function sessionNotice(): Promise<SignInNotice | null> {
  return (await getSession())?.signInNotice ?? null;
}

/** Wrong passwords tried on the account before this sign-in, until the owner dismisses the notice. */
export async function getSignInNotice(): Promise<SignInNotice | null> {
  const notice = await sessionNotice();
  if (!notice) return null;
  const dismissed = (await cookies()).get(DISMISSED_COOKIE)?.value;
  return dismissed === String(notice.signedInAt) ? null : notice;
}

export async function dismissSignInNotice(): Promise<void> {
  const notice = await sessionNotice();
  if (!notice) return;
  (await cookies()).set(DISMISSED_COOKIE, String(notice.signedInAt), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 12 * 60 * 60 });
}
