import { parseCookie } from 'cookie';

/** One cookie's value by name (the first one sent), decoded; undefined when absent. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[name];
}

// The `cookie` package answers "the value of X" (first one wins). Two questions
// it cannot answer need the header's pairs in order, untouched: every value of
// one name (a planted duplicate must be seen, not hidden), and the header with
// some names removed byte for byte (the app's own cookies must arrive as sent).
function pairs(cookieHeader: string): { name: string; value: string; raw: string }[] {
  const out: { name: string; value: string; raw: string }[] = [];
  for (const part of cookieHeader.split(';')) {
    const raw = part.trim();
    if (!raw) continue;
    const eq = raw.indexOf('=');
    out.push(eq === -1 ? { name: raw, value: '', raw } : { name: raw.slice(0, eq).trim(), value: raw.slice(eq + 1).trim(), raw });
  }
  return out;
}

/** Every non-empty value sent under `name`, in header order, at most `limit`. */
export function readCookieAll(cookieHeader: string | null | undefined, name: string, limit: number): string[] {
  if (!cookieHeader) return [];
  const found: string[] = [];
  for (const pair of pairs(cookieHeader)) {
    if (pair.name === name && pair.value && found.push(pair.value) >= limit) break;
  }
  return found;
}

/** The Cookie header without the named cookies; empty string when nothing is left. */
export function removeCookies(cookieHeader: string, names: ReadonlySet<string>): string {
  return pairs(cookieHeader)
    .filter((pair) => !names.has(pair.name))
    .map((pair) => pair.raw)
    .join('; ');
}
