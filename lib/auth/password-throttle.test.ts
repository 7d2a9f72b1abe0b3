import { describe, expect, it } from 'vitest';
import { PasswordThrottle } from './password-throttle';

const admin = (address: string) => ({ username: 'admin', address, known: true });

describe('PasswordThrottle', () => {
  it('lets five failures through, then doubles the wait with each further failure', () => {
    const throttle = new PasswordThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfterMs(admin('10.0.0.1'), t0)).toBe(0);
      throttle.recordFailure(admin('10.0.0.1'), t0);
    }
    expect(throttle.retryAfterMs(admin('10.0.0.1'), t0)).toBe(1000);
    throttle.recordFailure(admin('10.0.0.1'), t0 + 1000);
    expect(throttle.retryAfterMs(admin('10.0.0.1'), t0 + 1000)).toBe(2000);
    expect(throttle.retryAfterMs({ username: 'ADMIN', address: '10.0.0.1', known: true }, t0 + 2000)).toBe(1000);
    expect(throttle.retryAfterMs(admin('10.0.0.2'), t0 + 1000)).toBe(0);
  });

  it('caps the wait at 15 minutes and forgets failures after an hour', () => {
    const throttle = new PasswordThrottle();
    for (let i = 0; i < 40; i++) throttle.recordFailure(admin('a'), 0);
    expect(throttle.retryAfterMs(admin('a'), 0)).toBe(15 * 60 * 1000);
    expect(throttle.retryAfterMs(admin('a'), 60 * 60 * 1000 + 1)).toBe(0);
  });

  it('counts the addresses of one IPv6 /64 together', () => {
    const throttle = new PasswordThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure(admin(`2001:db8:1:2::${i + 1}`), 0);
    expect(throttle.retryAfterMs(admin('2001:db8:1:2:ffff::9'), 0)).toBe(1000);
    expect(throttle.retryAfterMs(admin('2001:db8:1:3::1'), 0)).toBe(0);
  });

  it('never blocks a fresh address for a user under attack from elsewhere', () => {
    const throttle = new PasswordThrottle();
    // The attacker is locked out at its own address for a long time...
    for (let i = 0; i < 30; i++) throttle.recordFailure(admin('198.51.100.66'), i);
    expect(throttle.retryAfterMs(admin('198.51.100.66'), 30)).toBeGreaterThan(10 * 60 * 1000);
    // ...while the admin at another address gets a first try at once, and at most a minute's wait after a typo.
    expect(throttle.retryAfterMs(admin('192.0.2.10'), 30)).toBe(0);
    throttle.recordFailure(admin('192.0.2.10'), 30);
    expect(throttle.retryAfterMs(admin('192.0.2.10'), 30)).toBe(60 * 1000);
    expect(throttle.retryAfterMs(admin('192.0.2.10'), 30 + 60 * 1000)).toBe(0);
  });

  it('takes the free tries away from every failing address once the username has 20 failures', () => {
    const throttle = new PasswordThrottle();
    for (let i = 0; i < 20; i++) throttle.recordFailure(admin(`203.0.113.${i}`), 0);
    throttle.recordFailure(admin('203.0.113.200'), 0);
    expect(throttle.retryAfterMs(admin('203.0.113.200'), 0)).toBe(2000);
    expect(throttle.retryAfterMs({ username: 'someone-else', address: '203.0.113.200', known: true }, 0)).toBe(0);
  });

  it('clears the address count on success, not the other addresses', () => {
    const throttle = new PasswordThrottle();
    for (let i = 0; i < 6; i++) {
      throttle.recordFailure(admin('a'), 0);
      throttle.recordFailure(admin('b'), 0);
    }
    throttle.recordSuccess(admin('a'));
    expect(throttle.retryAfterMs(admin('a'), 0)).toBe(0);
    expect(throttle.retryAfterMs(admin('b'), 0)).toBe(2000);
  });

  it('keeps counting a known user however many junk usernames fail', () => {
    const throttle = new PasswordThrottle({ capacity: 100 });
    for (let i = 0; i < 6; i++) throttle.recordFailure(admin('10.0.0.9'), 0);
    for (let i = 0; i < 5000; i++) throttle.recordFailure({ username: `junk-${i}`, address: '10.0.0.9', known: false }, 1);
    expect(throttle.retryAfterMs(admin('10.0.0.9'), 1)).toBe(2000 - 1);
  });

  it('counts unknown usernames exactly like known ones', () => {
    const throttle = new PasswordThrottle();
    const ghost = { username: 'ghost', address: '10.0.0.1', known: false };
    for (let i = 0; i < 5; i++) throttle.recordFailure(ghost, 0);
    expect(throttle.retryAfterMs(ghost, 0)).toBe(1000);
  });
});
