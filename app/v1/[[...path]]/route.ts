import { getCurrentUser } from '@/lib/dal/current-user';

// The /v1 API: until its endpoints land, signed-out callers get 401 and
// signed-in callers a 404 for every path, in the API's one error shape.
async function handle(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) {
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Sign in or send Authorization: Bearer <token>' } },
      { status: 401, headers: { 'www-authenticate': 'Bearer' } },
    );
  }
  return Response.json({ error: { code: 'not_found', message: 'No such endpoint' } }, { status: 404 });
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
