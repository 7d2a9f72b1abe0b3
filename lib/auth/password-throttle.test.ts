import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unitDatabaseForFile } from '../../tests/support/unit-database';
import { authFailures } from '../db/schema';
import { PasswordThrottle } from './password-throttle';

const database = unitDatabaseForFile();

// Each test counts against its own username, so tests sharing the file's database stay apart.
let sequence = 0;
function user() {
  sequence += 1;
  const name = `admin${sequence}`;
  return { name, at: (address: string) => ({ username: name, address, known: true }) };
}

describe('PasswordThrottle', () => {
  it('lets five failures through, then doubles the wait with each further failure', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(await throttle.retryAfterMs(db, admin.at('10.0.0.1'), t0)).toBe(0);
      await throttle.recordFailure(db, admin.at('10.0.0.1'), t0);
    }
    expect(await throttle.retryAfterMs(db, admin.at('10.0.0.1'), t0)).toBe(1000);
    await throttle.recordFailure(db, admin.at('10.0.0.1'), t0 + 1000);
    expect(await throttle.retryAfterMs(db, admin.at('10.0.0.1'), t0 + 1000)).toBe(2000);
    expect(await throttle.retryAfterMs(db, { username: admin.name.toUpperCase(), address: '10.0.0.1', known: true }, t0 + 2000)).toBe(1000);
    expect(await throttle.retryAfterMs(db, admin.at('10.0.0.2'), t0 + 1000)).toBe(0);
  });

  it('caps the wait at 15 minutes and forgets failures after an hour', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    for (let i = 0; i < 40; i++) await throttle.recordFailure(db, admin.at('a'), 0);
    expect(await throttle.retryAfterMs(db, admin.at('a'), 0)).toBe(15 * 60 * 1000);
    expect(await throttle.retryAfterMs(db, admin.at('a'), 60 * 60 * 1000 + 1)).toBe(0);
    // A failure after the hour starts counting again from one.
    await throttle.recordFailure(db, admin.at('a'), 60 * 60 * 1000 + 1);
    expect(await throttle.retryAfterMs(db, admin.at('a'), 60 * 60 * 1000 + 1)).toBe(0);
  });

  it('counts the addresses of one IPv6 /64 together', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    for (let i = 0; i < 5; i++) await throttle.recordFailure(db, admin.at(`2001:db8:1:2::${i + 1}`), 0);
    expect(await throttle.retryAfterMs(db, admin.at('2001:db8:1:2:ffff::9'), 0)).toBe(1000);
    expect(await throttle.retryAfterMs(db, admin.at('2001:db8:1:3::1'), 0)).toBe(0);
  });

  it('never blocks a fresh address for a user under attack from elsewhere', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    // The attacker is locked out at its own address for a long time...
    for (let i = 0; i < 30; i++) await throttle.recordFailure(db, admin.at('198.51.100.66'), i);
    expect(await throttle.retryAfterMs(db, admin.at('198.51.100.66'), 30)).toBeGreaterThan(10 * 60 * 1000);
    // ...while the admin at another address gets a first try at once, and at most a minute's wait after a typo.
    expect(await throttle.retryAfterMs(db, admin.at('192.0.2.10'), 30)).toBe(0);
    await throttle.recordFailure(db, admin.at('192.0.2.10'), 30);
    expect(await throttle.retryAfterMs(db, admin.at('192.0.2.10'), 30)).toBe(60 * 1000);
    expect(await throttle.retryAfterMs(db, admin.at('192.0.2.10'), 30 + 60 * 1000)).toBe(0);
  });

  it('takes the free tries away from every failing address once the username has 20 failures', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    for (let i = 0; i < 20; i++) await throttle.recordFailure(db, admin.at(`203.0.113.${i}`), 0);
    await throttle.recordFailure(db, admin.at('203.0.113.200'), 0);
    expect(await throttle.retryAfterMs(db, admin.at('203.0.113.200'), 0)).toBe(2000);
    expect(await throttle.retryAfterMs(db, { username: 'someone-else', address: '203.0.113.200', known: true }, 0)).toBe(0);
  });

  it('clears the address count on success, not the other addresses', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const admin = user();
    for (let i = 0; i < 6; i++) {
      await throttle.recordFailure(db, admin.at('a'), 0);
      await throttle.recordFailure(db, admin.at('b'), 0);
    }
    await throttle.recordSuccess(db, admin.at('a'));
    expect(await throttle.retryAfterMs(db, admin.at('a'), 0)).toBe(0);
    expect(await throttle.retryAfterMs(db, admin.at('b'), 0)).toBe(2000);
  });

  it('counts failures of two instances (two throttles on one database) together', async () => {
    const { db } = database;
    const first = new PasswordThrottle();
    const second = new PasswordThrottle();
    const admin = user();
    await Promise.all([0, 1, 2, 3, 4].map((i) => (i % 2 ? first : second).recordFailure(db, admin.at('10.1.1.1'), 0)));
    expect(await first.retryAfterMs(db, admin.at('10.1.1.1'), 0)).toBe(1000);
    expect(await second.retryAfterMs(db, admin.at('10.1.1.1'), 0)).toBe(1000);
  });

  it('keeps counting a known user however many junk usernames fail, and bounds the junk rows', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle({ capacity: 100 });
    const admin = user();
    for (let i = 0; i < 6; i++) await throttle.recordFailure(db, admin.at('10.0.0.9'), 0);
    for (let i = 0; i < 500; i++) await throttle.recordFailure(db, { username: `junk-${i}`, address: '10.0.0.9', known: false }, 1);
    expect(await throttle.retryAfterMs(db, admin.at('10.0.0.9'), 1)).toBe(2000 - 1);
    const [junk] = await db.select({ rows: count() }).from(authFailures).where(eq(authFailures.known, false));
    expect(junk?.rows).toBeLessThanOrEqual(100 + 2 * 100);
  });

  it('counts unknown usernames exactly like known ones', async () => {
    const { db } = database;
    const throttle = new PasswordThrottle();
    const ghost = { username: `ghost${Date.now()}`, address: '10.0.0.1', known: false };
    for (let i = 0; i < 5; i++) await throttle.recordFailure(db, ghost, 0);
    expect(await throttle.retryAfterMs(db, ghost, 0)).toBe(1000);
  });
});
