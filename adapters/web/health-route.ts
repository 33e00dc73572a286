import { json } from './http-kit.js';
import type { Route } from './http-server.js';

/** What `/healthz` reports: whether the process is up, and what it runs (role, database, queue, …). */
export type HealthCheck = () => { ok: boolean; details: Record<string, unknown> };

/** `GET /healthz`: 200 `{"status":"ok", …details}`, or 503 `{"status":"starting", …}`. */
export function healthRoute(health: HealthCheck): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handle: async () => {
      const { ok, details } = health();
      return json(ok ? 200 : 503, { status: ok ? 'ok' : 'starting', ...details });
    },
  };
}
