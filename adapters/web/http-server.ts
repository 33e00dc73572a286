import { createServer, type Server } from 'node:http';
import type { LoggerPort } from '../../core/ports/logger-port.js';
import {
  errorResponse,
  HttpError,
  type HttpRequest,
  type HttpResponse,
  readBody,
  writeResponse,
} from './http-kit.js';

export interface Route {
  readonly method: string;
  /** Exact pathname, or a prefix ending in `*`. */
  readonly path: string;
  handle(request: HttpRequest): Promise<HttpResponse>;
}

/** The process's one HTTP server. A handler's error becomes a JSON error; the process never dies of it. */
export function createHttpServer(routes: readonly Route[], logger: LoggerPort): Server {
  const match = (method: string, pathname: string) => {
    const forPath = routes.filter((r) =>
      r.path.endsWith('*') ? pathname.startsWith(r.path.slice(0, -1)) : r.path === pathname,
    );
    return { route: forPath.find((r) => r.method === method), pathKnown: forPath.length > 0 };
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const { route, pathKnown } = match(method, url.pathname);
    const respond = async (): Promise<HttpResponse> => {
      if (!route) {
        return pathKnown
          ? errorResponse(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`)
          : errorResponse(404, 'NOT_FOUND', 'no such route');
      }
      return route.handle({ method, url, headers: req.headers, body: (limit) => readBody(req, limit) });
    };
    respond()
      .catch((error: unknown) => {
        if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
        logger.error({ err: error, path: url.pathname }, 'request failed');
        return errorResponse(500, 'INTERNAL', '服务暂时不可用，请稍后再试');
      })
      .then((response) => writeResponse(res, response))
      .catch(() => res.destroy());
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
