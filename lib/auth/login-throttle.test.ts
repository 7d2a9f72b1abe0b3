import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets five failures through, then doubles the wait with each further failure', () => {
    const throttle = new LoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfterMs('admin', '10.0.0.1', t0)).toBe(0);
      throttle.recordFailure('admin', '10.0.0.1', t0);
    }
    expect(throttle.retryAfterMs('admin', '10.0.0.1', t0)).toBe(1000);
    throttle.recordFailure('admin', '10.0.0.1', t0 + 1000);
    expect(throttle.retryAfterMs('admin', '10.0.0.1', t0 + 1000)).toBe(2000);
    expect(throttle.retryAfterMs('ADMIN', '10.0.0.1', t0 + 2000)).toBe(1000);
    expect(throttle.retryAfterMs('admin', '10.0.0.2', t0 + 1000)).toBe(0);
  });

  it('caps the wait at 15 minutes and forgets failures after an hour', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 40; i++) throttle.recordFailure('admin', 'a', 0);
    expect(throttle.retryAfterMs('admin', 'a', 0)).toBe(15 * 60 * 1000);
    expect(throttle.retryAfterMs('admin', 'a', 60 * 60 * 1000 + 1)).toBe(0);
  });

  it('still slows a guesser who varies the address, after 20 failures for the username', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 20; i++) throttle.recordFailure('admin', `spoofed-${i}`, 0);
    expect(throttle.retryAfterMs('admin', 'spoofed-new', 0)).toBe(1000);
    expect(throttle.retryAfterMs('someone-else', 'spoofed-new', 0)).toBe(0);
  });

  it('clears the address count on success', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 6; i++) throttle.recordFailure('admin', 'a', 0);
    throttle.recordSuccess('admin', 'a');
    expect(throttle.retryAfterMs('admin', 'a', 0)).toBe(0);
  });
});
