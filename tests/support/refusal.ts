import { expect } from 'vitest';

type Answer = { status: number; body: { code: number; message?: string | null } };

/** Asserts a refusal: the HTTP status and bk-repo code, and when given a part of the message (e.g. the field it names). */
export function expectRefusal(response: Answer, status: number, code: number, messagePart?: string): void {
  expect([response.status, response.body.code]).toEqual([status, code]);
  if (messagePart !== undefined) expect(response.body.message).toContain(messagePart);
}
