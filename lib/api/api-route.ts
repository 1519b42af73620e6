import 'server-only';
import type { Caller } from '../authz/caller.ts';
import { getPrisma } from '../db/db.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { errorResponse } from './error-response.ts';
import { resolveCaller } from './resolve-caller.ts';

export interface ApiContext<P> {
  request: Request;
  caller: Caller;
  prisma: PrismaClient;
  params: P;
}

/** Wraps a /v1 handler: resolves the caller, maps every error to the one error shape. */
export function apiRoute<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const prisma = await getPrisma();
      const caller = await resolveCaller(request, prisma);
      const params = await context.params;
      return await handler({ request, caller, prisma, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The request's JSON body; a body that isn't JSON is a 400, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('INVALID', 'The request body must be JSON');
  }
}

/** A secret-bearing answer (a new or renewed token): never stored by any cache. */
export function noStoreJson(body: unknown): Response {
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}
