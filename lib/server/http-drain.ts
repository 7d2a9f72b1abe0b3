import type http from 'node:http';
import type { ServerResponse } from 'node:http';

/**
 * The HTTP servers of this process and their requests in flight, as seen by the Node server patch
 * (Next.js does not hand its server out). On globalThis: the patch and the shutdown may live in
 * separate module graphs.
 */
type DrainState = { servers: Set<http.Server>; inFlight: number; draining: boolean; onIdle: Set<() => void> };
const holder = globalThis as typeof globalThis & { __ferryHttpDrain?: DrainState };
const state = (): DrainState => (holder.__ferryHttpDrain ??= { servers: new Set(), inFlight: 0, draining: false, onIdle: new Set() });

/** Called for every request: counts it until its response closes (finished or the client went away). */
export function trackRequest(server: http.Server, response: ServerResponse): void {
  const s = state();
  s.servers.add(server);
  s.inFlight += 1;
  response.once('close', () => {
    s.inFlight -= 1;
    if (s.inFlight === 0) for (const resolve of s.onIdle) resolve();
  });
}

/** While draining, responses ask keep-alive clients to close, so no connection outlives its last request. */
export function isDrainingHttp(): boolean {
  return state().draining;
}

/**
 * Stops accepting connections, lets requests in flight finish until `deadline` (epoch ms), then
 * cuts what is left. Answers how many requests were cut.
 */
export async function drainHttp(deadline: number): Promise<number> {
  const s = state();
  s.draining = true;
  // close() stops listening and closes idle keep-alive connections; busy ones end after their response.
  for (const server of s.servers) server.close();
  if (s.inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      function done() {
        clearTimeout(timer);
        s.onIdle.delete(done);
        resolve();
      }
      s.onIdle.add(done);
    });
  }
  const cut = s.inFlight;
  for (const server of s.servers) server.closeAllConnections();
  return cut;
}
