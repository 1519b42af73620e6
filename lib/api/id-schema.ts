import { z } from 'zod';
import { ApiError } from './api-error';

const uuid = z.uuid();

/** Ids are UUIDs; anything else cannot exist, so it is a 404 rather than a database error. */
export const idSchema = {
  parse(value: string): string {
    if (!uuid.safeParse(value).success) throw new ApiError(404, 'not_found', 'Not found');
    return value.toLowerCase();
  },
};
