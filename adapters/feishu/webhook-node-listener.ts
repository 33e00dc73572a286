import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookGuard } from './webhook-guard.js';

/**
 * Mounts the guard on a node:http server: `createServer(toNodeListener(guard))`, or call it from
 * a larger listener for the guard's path. When the guard answered without reading the whole body
 * (413), the connection is closed after the answer instead of draining what is left.
 */
export function toNodeListener(guard: WebhookGuard): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    guard
      .handle({ method: req.method, url: req.url, headers: req.headers, body: req })
      .then((answer) => {
        const unread = !req.complete;
        res.writeHead(answer.status, {
          ...answer.headers,
          'content-length': String(Buffer.byteLength(answer.body)),
          ...(unread ? { connection: 'close' } : {}),
        });
        res.end(answer.body);
      })
      .catch(() => {
        // The guard answers every request itself; this only covers a failure while writing.
        if (!res.headersSent) res.writeHead(500, { connection: 'close' });
        res.end();
      });
  };
}
