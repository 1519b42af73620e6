// The session carries the user's id (set in auth-options' session callback),
// so readers don't cast `session.user`.
import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string };
  }
}
