import { allowedIpsSchema } from '@/lib/tokens/token-spec';

// The New Token form's "Allowed IPs": one entry per line or comma-separated,
// checked with the schema POST /v1/token applies, so an entry the server
// would refuse is named before anything is sent.

/** The entries of the field's text: split on new lines and commas, trimmed, blanks dropped. */
export function splitAllowedIps(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export type AllowedIpsResult = { ok: true; entries: string[] } | { ok: false; message: string };

/** The entries, or a sentence naming the first bad one. */
export function checkAllowedIps(text: string): AllowedIpsResult {
  const entries = splitAllowedIps(text);
  const parsed = allowedIpsSchema.safeParse(entries);
  if (parsed.success) return { ok: true, entries: parsed.data };
  return { ok: false, message: allowedIpsMessage(parsed.error.issues[0]?.message ?? 'Not a list of IPs and CIDR ranges') };
}

/** The schema's words for the panel: "allowedIps may hold…" is the API's field name. */
export function allowedIpsMessage(message: string): string {
  if (/^allowedIps may hold at most (\d+)/.test(message)) return message.replace(/^allowedIps may hold/, 'The list may hold');
  // The entry is already named in quotes ("10.0.0.0/33" is not…): say what kind of entry is expected.
  if (/^".*" is not an IP address or CIDR range$/.test(message)) return `${message}, such as 203.0.113.7 or 10.0.0.0/8`;
  return message;
}
