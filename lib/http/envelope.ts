/** bk-repo's response envelope; code 0 and message null mean success. */
export type Envelope<T> = { code: number; message: string | null; data: T; traceId: string };

export function ok<T>(data: T, traceId: string): Envelope<T> {
  return { code: 0, message: null, data, traceId };
}

export function failure(code: number, message: string, traceId: string): Envelope<null> {
  return { code, message, data: null, traceId };
}
