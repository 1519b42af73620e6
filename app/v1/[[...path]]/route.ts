import { apiRoute } from '@/lib/api/api-route';
import { DomainError } from '@/lib/errors/domain-error';

// Any /v1 path without a route of its own: authenticate first (signed-out
// callers get 401 like everywhere under /v1), then 404 in the one error shape.
const handle = apiRoute(async ({ request }) => {
  throw new DomainError('NOT_FOUND', `No endpoint ${request.method} ${new URL(request.url).pathname}`);
});

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
