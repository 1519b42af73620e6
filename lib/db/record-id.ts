import { notFound } from '../errors/domain-error.ts';

// Every row id is a UUID (v4 for apps, like OVHcloud's); lowercase is the stored spelling.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRecordId(value: string): boolean {
  return UUID.test(value);
}

/** The id as stored; anything that is not a UUID cannot exist, so it is "not found" rather than a database error. */
export function recordId(value: string, what: string): string {
  if (!isRecordId(value)) throw notFound(what);
  return value.toLowerCase();
}
