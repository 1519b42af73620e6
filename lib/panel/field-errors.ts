import { ApiRequestError } from './api-client';

// A form's errors, one per field, keyed by the form's own field names. The
// same zod schema runs in the browser and on the server, so both kinds of
// error arrive as issues ({ path, message }) and map to fields the same way.

export interface FieldError {
  message: string;
  /** Client errors are re-checked as the user types; the server's clear once the field changes. */
  from: 'client' | 'server';
}

export type FieldErrors = Record<string, FieldError>;

export interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** The first issue of each field; issues `keyOf` cannot place go under `form`. */
export function errorsFromIssues(issues: readonly Issue[], keyOf: (path: readonly PropertyKey[]) => string | null, from: FieldError['from']): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = keyOf(issue.path) ?? 'form';
    errors[key] ??= { message: plainMessage(issue.message), from };
  }
  return errors;
}

/**
 * The errors to show once the user changed `changed` fields: a client error
 * follows the current check (it goes once the field is right, even when
 * another field fixed it, like a duplicate name); a server error goes when its
 * own field changes. No error appears while typing that was not there before.
 */
export function refreshErrors(shown: FieldErrors, current: Record<string, string>, changed: readonly string[]): FieldErrors {
  const next: FieldErrors = {};
  for (const [key, error] of Object.entries(shown)) {
    if (error.from === 'client') {
      if (current[key] !== undefined) next[key] = { message: current[key], from: 'client' };
    } else if (!changed.includes(key)) {
      next[key] = error;
    }
  }
  return next;
}

/**
 * The field issues a 400 from /v1 carries: zod's list of `{ path, message }`,
 * or a domain error's single `{ path }` with the message beside it.
 */
export function apiIssues(error: unknown): Issue[] {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return [];
  const { details } = error;
  if (Array.isArray(details)) {
    return details.filter(
      (d): d is Issue => typeof d === 'object' && d !== null && Array.isArray((d as Issue).path) && typeof (d as Issue).message === 'string',
    );
  }
  if (typeof details === 'object' && details !== null && Array.isArray((details as { path?: unknown }).path)) {
    return [{ path: (details as { path: PropertyKey[] }).path, message: error.message }];
  }
  return [];
}

// The schema's messages name API fields (memoryMiB); the panel's labels are words.
const API_NAMES: [RegExp, string][] = [
  [/^memoryMiB\b/, 'Memory'],
  [/^cpu\b/, 'CPU'],
  [/^replicas\b/, 'Replicas'],
  [/^command\b/, 'The command'],
  [/^upstreamUrl\b/, 'The upstream URL'],
];

// zod's own wording, for the few rules that carry no message of their own:
// said the way the schema's other messages are.
const ZOD_DEFAULTS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Too big: expected (?:string|array) to have <=(\d+) (?:characters|items)$/, (m) => `Must be ${m[1]} characters or less`],
  [/^Too small: expected (?:string|array) to have >=(\d+) (?:characters|items)$/, (m) => (m[1] === '1' ? 'Must not be empty' : `Must be at least ${m[1]} characters`)],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, (m) => `Must be at most ${m[1]}`],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, (m) => `Must be at least ${m[1]}`],
  [/^Invalid input: expected number/, () => 'Must be a number'],
  [/^Invalid input: expected string/, () => 'Must be text'],
  [/^Invalid (?:input|option)/, () => 'This value is not valid'],
];

export function plainMessage(message: string): string {
  for (const [pattern, word] of API_NAMES) if (pattern.test(message)) return message.replace(pattern, word);
  for (const [pattern, say] of ZOD_DEFAULTS) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}

/** `{ key: message }` of a set of errors, for re-checks. */
export function messages(errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([key, error]) => [key, error.message]));
}
