import { z } from 'zod';

export const paginationSchema = z.object({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(0).default(0),
  size: z.coerce.number({ error: 'size must be a number' }).int().min(1).max(1000, 'size must be at most 1000').default(100),
});

export type Pagination = z.infer<typeof paginationSchema>;

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
