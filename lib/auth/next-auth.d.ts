// What Tollgate keeps in next-auth's session and token: the user's id (set in
// auth-options' callbacks) and, once after sign-in, the failed attempts to tell
// the owner about. Declared here so readers don't cast.
import type { DefaultSession } from 'next-auth';
import type { SignInNotice } from './auth-options.ts';

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string };
    signInNotice?: SignInNotice;
  }
  interface User {
    signInNotice?: SignInNotice | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    signInNotice?: SignInNotice;
  }
}
