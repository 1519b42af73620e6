import { tokenSpecSchema } from '@/lib/tokens/token-spec';
import { errorsFromIssues, type FieldErrors } from './field-errors';
import type { RoleName } from './roles';
import { allowedIpsMessage, checkAllowedIps } from './token-allowed-ips';
import { expiryFromChoice, type ExpiryChoice } from './token-expiry';
import type { TokenInput } from './token-queries';

/** The New Token form as typed. */
export interface TokenFormValues {
  name: string;
  description: string;
  labelSelector: string;
  role: RoleName;
  region: string;
  expiry: ExpiryChoice;
  /** yyyy-mm-dd, used when `expiry` is 'custom'. */
  expiryDate: string;
  /** One entry per line or comma-separated. */
  allowedIps: string;
}

export function newTokenValues(region: string, labelSelector = ''): TokenFormValues {
  return { name: '', description: '', labelSelector, role: 'read', region, expiry: '30', expiryDate: '', allowedIps: '' };
}

export type TokenFormCheck = { ok: true; body: TokenInput } | { ok: false; errors: FieldErrors };

/**
 * The form's field for an issue path, from the client check or a 400 of
 * POST /v1/token (`allowedIps.3` lands on the one Allowed IPs field).
 */
export function tokenFieldOf(path: readonly PropertyKey[]): string | null {
  const [head] = path;
  if (head === 'expiresAt') return 'expiryDate';
  if (head === 'name' || head === 'description' || head === 'labelSelector' || head === 'allowedIps' || head === 'role' || head === 'region') return head;
  return null;
}

/** Server messages for the fields named in the API's words. */
export function tokenIssueMessage(path: readonly PropertyKey[], message: string): string {
  if (path[0] === 'expiresAt') return message.replace(/^expiresAt must be/, 'The expiry date must be');
  if (path[0] === 'allowedIps') return allowedIpsMessage(message);
  return message;
}

/**
 * Checks the form with the schema POST /v1/token applies (plus the expiry
 * choice and the Allowed IPs text, which only the form has) and builds its body.
 */
export function checkTokenForm(values: TokenFormValues, regions: readonly string[], now: number): TokenFormCheck {
  const expiry = expiryFromChoice(values.expiry, values.expiryDate, now);
  const ips = checkAllowedIps(values.allowedIps);
  const body: TokenInput = {
    name: values.name.trim(),
    description: values.description.trim(),
    labelSelector: values.labelSelector.trim(),
    role: values.role,
    region: values.region,
    expiresAt: expiry.ok ? expiry.expiresAt : null,
    allowedIps: ips.ok ? ips.entries : [],
  };
  const parsed = tokenSpecSchema(regions).safeParse(body);
  const errors: FieldErrors = parsed.success ? {} : errorsFromIssues(parsed.error.issues, tokenFieldOf, 'client');
  if (!expiry.ok) errors.expiryDate = { message: expiry.message, from: 'client' };
  if (!ips.ok) errors.allowedIps = { message: ips.message, from: 'client' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body };
}
