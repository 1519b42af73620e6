import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: Context): Promise<Response> {
  // With a custom logger set, next-auth's `_log` action writes whatever a client
  // POSTs into the server log; the panel's browser code never uses it.
  if ((await context.params).nextauth[0] === '_log') {
    return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  }
  return nextAuth(req, context);
}

export { handler as GET, handler as POST };
