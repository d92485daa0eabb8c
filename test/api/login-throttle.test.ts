/** Password guessing is slowed per email, across server processes (the count is in the database). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { LOGIN_FAILURE_WINDOW_MS, MAX_LOGIN_FAILURES } from '../../src/services/auth.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => t?.close());

const attempt = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });

describe('sign-in throttling', () => {
  it(`pauses sign-in for an email after ${MAX_LOGIN_FAILURES} failures, then lets it in after the window`, async () => {
    const email = 'Owner@Homely.demo';
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await attempt(email, `guess-${i}`)).statusCode).toBe(401);
    // Even the right password waits: the attacker must not learn it was right.
    const blocked = await attempt('owner@homely.demo', 'demo-seller-2026');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    // Other users are unaffected.
    expect((await attempt('owner@voltbee.demo', 'demo-seller-2026')).statusCode).toBe(200);
    clock.advance(LOGIN_FAILURE_WINDOW_MS + 1000);
    expect((await attempt('owner@homely.demo', 'demo-seller-2026')).statusCode).toBe(200);
  });

  it('clears the count on a successful sign-in', async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await attempt('owner@threadline.demo', 'nope-nope-nope');
    expect((await attempt('owner@threadline.demo', 'demo-seller-2026')).statusCode).toBe(200);
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await attempt('owner@threadline.demo', 'nope-nope-nope');
    expect((await attempt('owner@threadline.demo', 'demo-seller-2026')).statusCode).toBe(200);
  });
});
