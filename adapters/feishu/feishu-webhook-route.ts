import type { Route } from '../web/http-server.js';
import type { WebhookGuard } from './webhook-guard.js';

/**
 * The webhook guard as a route of the process's HTTP server. The server reads the body (up to the
 * guard's limit, else it answers 413 itself); everything else — signature, decryption, token, app
 * id, replays, the answer — is the guard's.
 */
export function feishuWebhookRoute(guard: WebhookGuard): Route {
  return {
    method: 'POST',
    path: guard.config.path,
    async handle(request) {
      const body = await request.body(guard.config.maxBodyBytes);
      const answer = await guard.handle({
        method: request.method,
        url: `${request.url.pathname}${request.url.search}`,
        headers: request.headers,
        body,
      });
      return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
    },
  };
}
