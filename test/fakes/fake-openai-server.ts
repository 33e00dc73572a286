import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** What the fake does with one request. Replies are consumed in order, one per request. */
export type FakeReply =
  /** A good answer, encoded the way the request asked: tool call when tools were sent, else JSON content. */
  | { readonly kind: 'answer'; readonly fields: Readonly<Record<string, unknown>> }
  /** Exactly this text as the content (or as the tool call's arguments when tools were sent). */
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'refuse'; readonly message?: string }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { readonly kind: 'hang' }
  | { readonly kind: 'delay'; readonly ms: number; readonly reply: FakeReply }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string };

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.string().nullable().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z
    .array(z.looseObject({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) }))
    .optional(),
});

/** The part of a chat completion request the tests look at; the fake rejects anything else with 400. */
export const ChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(MessageSchema).min(1),
  response_format: z
    .looseObject({
      type: z.string(),
      json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()) }).optional(),
    })
    .optional(),
  tools: z
    .array(
      z.looseObject({
        type: z.literal('function'),
        function: z.looseObject({ name: z.string(), parameters: z.record(z.string(), z.unknown()) }),
      }),
    )
    .optional(),
  tool_choice: z.unknown().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: ChatRequest;
  /** `tools`, `json_schema`, `json_object` or `text`, read from the request. */
  readonly mode: string;
}

export interface FakeOpenAiServer {
  /** Base URL to configure the client with, ending in `/v1`. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  script(...replies: FakeReply[]): void;
  /** Forgets recorded requests and any reply not yet used. */
  reset(): void;
  close(): Promise<void>;
}

/** A local OpenAI-compatible `POST /v1/chat/completions`. With nothing scripted it answers 500. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'fake server failure' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '';
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      return;
    }
    const parsed = ChatRequestSchema.safeParse(JSON.parse(await readBody(req)));
    if (!parsed.success) {
      sendJson(res, 400, {
        error: { message: z.prettifyError(parsed.error), type: 'invalid_request_error' },
      });
      return;
    }
    const body = parsed.data;
    const mode = body.tools ? 'tools' : (body.response_format?.type ?? 'text');
    requests.push({ path, headers: req.headers, body, mode });
    counter += 1;
    await reply(res, queue.shift() ?? { kind: 'status', status: 500 }, body, counter);
  }

  async function reply(res: ServerResponse, script: FakeReply, body: ChatRequest, n: number): Promise<void> {
    switch (script.kind) {
      case 'hang':
        return;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, script.ms));
        if (res.destroyed) return;
        return reply(res, script.reply, body, n);
      case 'status': {
        const headers: Record<string, string> =
          script.retryAfter === undefined ? {} : { 'retry-after': script.retryAfter };
        sendJson(
          res,
          script.status,
          { error: { message: `scripted ${script.status}`, type: 'fake' } },
          headers,
        );
        return;
      }
      case 'refuse':
        sendJson(
          res,
          200,
          completion(body, n, { content: null, refusal: script.message ?? '抱歉，无法处理。' }),
        );
        return;
      case 'answer':
        sendJson(res, 200, completion(body, n, encode(body, JSON.stringify(script.fields), n)));
        return;
      case 'raw':
        sendJson(res, 200, completion(body, n, encode(body, script.text, n)));
        return;
      case 'invalid-json':
        sendJson(res, 200, completion(body, n, encode(body, '{"category": "城乡建设", "title": ', n)));
        return;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface FakeMessage {
  content: string | null;
  refusal: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}

function encode(body: ChatRequest, text: string, n: number): FakeMessage {
  const tool = body.tools?.[0];
  if (tool === undefined) return { content: text, refusal: null };
  return {
    content: null,
    refusal: null,
    tool_calls: [
      { id: `call_${n}`, type: 'function', function: { name: tool.function.name, arguments: text } },
    ],
  };
}

function completion(body: ChatRequest, n: number, message: FakeMessage): unknown {
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', ...message },
        finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
