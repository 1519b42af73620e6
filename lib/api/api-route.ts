import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { getPrisma } from '../db/db';
import { ApiError, errorResponse } from './api-error';
import { resolveCaller, type Caller } from './resolve-caller';

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
    throw new ApiError(400, 'bad_request', 'The request body must be JSON');
  }
}
