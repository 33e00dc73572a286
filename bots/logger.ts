import pino from 'pino';

/** Paths that may carry personal data or secrets; never logged in the clear. */
const REDACT = [
  'text',
  '*.text',
  'phone',
  '*.phone',
  'description',
  '*.description',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
];

export type Logger = pino.Logger;

export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
