import { describe, expect, it } from 'vitest';
import { clientNetwork, SignInThrottle } from './sign-in-throttle.ts';

const OWNER = 'admin@example.test';

function throttle() {
  const clock = { now: 1_000_000 };
  return { clock, throttle: new SignInThrottle({ now: () => clock.now }) };
}

/** `n` wrong passwords from `ip`, returning the delays served. */
function fail(t: SignInThrottle, ip: string, n: number, email = OWNER): number[] {
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    const decision = t.attempt(email, ip);
    if (decision.refused) throw new Error(`attempt ${i + 1} from ${ip} refused`);
    delays.push(decision.delayMs);
  }
  return delays;
}

describe('hardening 1: sign-in lockout', () => {
  it('refuses one client after 10 failures on an account, saying how long to wait, until the window ends', () => {
    const { clock, throttle: t } = throttle();
    fail(t, '10.0.0.1', 10);
    expect(t.attempt(OWNER, '10.0.0.1')).toEqual({ refused: true, retryAfterSeconds: 900 });
    clock.now += 15 * 60_000;
    expect(t.attempt(OWNER, '10.0.0.1').refused).toBe(false);
  });

  it('never refuses the owner from another client, however many failures the account has', () => {
    const { throttle: t } = throttle();
    for (let ip = 1; ip <= 5; ip++) fail(t, `10.0.0.${ip}`, 10);
    expect(t.attempt(OWNER, '192.0.2.7')).toEqual({ refused: false, delayMs: 0 });
  });

  it('slows a client that has failed with a delay doubling per account failure, capped at 3 s', () => {
    const { throttle: t } = throttle();
    expect(fail(t, '10.0.0.1', 8)).toEqual([0, 250, 500, 1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  it("counts the account's failures from every client in the delay, but serves it only to clients that failed", () => {
    const { throttle: t } = throttle();
    fail(t, '10.0.0.1', 3);
    fail(t, '10.0.0.2', 1);
    // A client's first try is free; its second pays for the account's 5 failures.
    expect(fail(t, '10.0.0.3', 2)).toEqual([0, 3_000]);
  });

  it('refuses an IP after 30 failures across accounts (spraying)', () => {
    const { throttle: t } = throttle();
    for (let i = 0; i < 30; i++) expect(t.attempt(`user${i}@example.test`, '10.0.0.1').refused).toBe(false);
    expect(t.attempt('fresh@example.test', '10.0.0.1')).toEqual({ refused: true, retryAfterSeconds: 900 });
    expect(t.attempt('fresh@example.test', '10.0.0.2').refused).toBe(false);
  });

  it('a success clears its client, but not the account delay other failed clients pay', () => {
    const { throttle: t } = throttle();
    fail(t, '10.0.0.1', 3);
    fail(t, '10.0.0.9', 1);
    // The owner, having mistyped, waits for the account's 4 failures, then gets in…
    expect(t.attempt(OWNER, '10.0.0.1')).toEqual({ refused: false, delayMs: 2_000 });
    t.succeeded(OWNER, '10.0.0.1');
    // …and is not slowed next time,
    expect(t.attempt(OWNER, '10.0.0.1')).toEqual({ refused: false, delayMs: 0 });
    t.succeeded(OWNER, '10.0.0.1');
    // while the other client still pays for the account's failures.
    expect(t.attempt(OWNER, '10.0.0.9')).toEqual({ refused: false, delayMs: 2_000 });
  });

  it('counts an attempt before its password is checked, so parallel guesses cannot all slip under the limit', () => {
    const { throttle: t } = throttle();
    const decisions = Array.from({ length: 15 }, () => t.attempt(OWNER, '10.0.0.1'));
    expect(decisions.filter((d) => d.refused)).toHaveLength(5);
  });

  it('limits an IPv6 client by its /64, so rotating addresses inside it does not buy more guesses', () => {
    const { throttle: t } = throttle();
    for (let i = 1; i <= 10; i++) expect(t.attempt(OWNER, `2001:db8:1:2::${i.toString(16)}`).refused).toBe(false);
    expect(t.attempt(OWNER, '2001:db8:1:2:ffff:ffff:ffff:ffff').refused).toBe(true);
    expect(t.attempt(OWNER, '2001:db8:1:3::1').refused).toBe(false);
  });

  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:0001:0002:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.7', '64:ff9b:0:0::/64'],
  ])('clientNetwork(%s) is %s', (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });
});
