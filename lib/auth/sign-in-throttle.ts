import { isIPv6 } from 'node:net';
import { RateLimiter } from './rate-limiter.ts';

export type ThrottleDecision =
  | { refused: true; retryAfterSeconds: number }
  | { refused: false; delayMs: number };

export interface SignInThrottleOptions {
  /** Failures one client (email + IP) may make on one account per window. */
  perClient?: number;
  /** Failures one IP may make across all accounts per window (spraying). */
  perIp?: number;
  windowMs?: number;
  /** Delay after the account's first failure, doubled on each further one… */
  baseDelayMs?: number;
  /** …up to this. */
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * Who may try a password, and how long they wait first.
 *
 * Refusal is per (email, client IP) and per IP: a guesser is stopped without
 * giving them the power to lock the owner out, which a per-email refusal did
 * (ten wrong passwords from anywhere blocked the right one for 15 minutes).
 *
 * Per email alone there is only a growing delay, and only for clients that
 * have already failed on that account: the owner signing in from a client
 * that has not failed gets in at once, even while the account is under attack.
 * The delay is served before the password is checked, not after a wrong one:
 * a delay after the answer is known costs a guesser nothing, since a script
 * that fires guesses in parallel just drops every request that does not
 * succeed as quickly as a right password would.
 */
export class SignInThrottle {
  private readonly client: RateLimiter;
  private readonly ip: RateLimiter;
  private readonly email: RateLimiter;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: SignInThrottleOptions = {}) {
    const windowMs = options.windowMs ?? 15 * 60_000;
    const now = options.now ?? Date.now;
    this.client = new RateLimiter(options.perClient ?? 10, windowMs, now);
    this.ip = new RateLimiter(options.perIp ?? 30, windowMs, now);
    // Never refuses on its own (no limit): it only counts, to size the delay.
    this.email = new RateLimiter(Number.POSITIVE_INFINITY, windowMs, now);
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 3_000;
  }

  /**
   * Decides on one attempt and, unless refused, counts it as a failure up
   * front: counted before the (slow) password hash, parallel guesses cannot
   * all slip under the limit. `succeeded` takes it back.
   */
  attempt(email: string, address: string): ThrottleDecision {
    const ip = clientNetwork(address);
    const clientKey = pairKey(email, ip);
    const retryAfterSeconds = Math.max(this.client.retryAfter(clientKey), this.ip.retryAfter(ip));
    if (retryAfterSeconds > 0) return { refused: true, retryAfterSeconds };
    const hasFailed = this.client.count(clientKey) > 0;
    const accountFailures = this.email.count(email);
    this.client.hit(clientKey);
    this.ip.hit(ip);
    this.email.hit(email);
    if (!hasFailed || accountFailures === 0) return { refused: false, delayMs: 0 };
    return { refused: false, delayMs: Math.min(this.baseDelayMs * 2 ** (accountFailures - 1), this.maxDelayMs) };
  }

  /**
   * The password was right. This client starts over; the account's count only
   * loses this attempt, so a guesser elsewhere does not get a fresh, fast start
   * each time the owner signs in.
   */
  succeeded(email: string, address: string): void {
    const ip = clientNetwork(address);
    this.client.reset(pairKey(email, ip));
    this.ip.unhit(ip);
    this.email.unhit(email);
  }
}

/**
 * The unit a client is limited by: its IPv4 address, or its IPv6 /64. One
 * IPv6 subscriber usually holds a whole /64, so counting single addresses
 * would let a guesser take a fresh one for each try.
 */
export function clientNetwork(address: string): string {
  const ip = address.split('%', 1)[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

// NUL cannot occur in an email or an address, so two pairs never share a key.
const pairKey = (email: string, ip: string) => `${email}\u0000${ip}`;
