import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** What every log line and outbound request of the current unit of work carries. */
export type TraceContext = { traceId: string; executionId?: string };

// On globalThis: Next.js loads instrumentation and each route bundle as separate module graphs,
// and a line logged by shared code must see the context its caller set.
const holder = globalThis as typeof globalThis & { __ferryTrace?: AsyncLocalStorage<TraceContext> };
holder.__ferryTrace ??= new AsyncLocalStorage<TraceContext>();
const storage = holder.__ferryTrace;

/** Runs `work` with `context` visible to log() and httpRequest() in everything it awaits. */
export function withTrace<T>(context: TraceContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

const CALLER_TRACE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a plain token (it is logged and echoed), else a new id. */
export function traceIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && CALLER_TRACE_ID.test(given) ? given : randomBytes(16).toString('hex');
}
