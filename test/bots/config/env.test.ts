import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../../bots/config/env.js';

describe('WORKER_HEALTH_PORT', () => {
  it('is unset by default: a worker opens no port', () => {
    expect(parseEnv({}).WORKER_HEALTH_PORT).toBeUndefined();
    expect(parseEnv({ WORKER_HEALTH_PORT: '' }).WORKER_HEALTH_PORT).toBeUndefined();
  });

  it('is a port number', () => {
    expect(parseEnv({ WORKER_HEALTH_PORT: '8081' }).WORKER_HEALTH_PORT).toBe(8081);
  });

  it.each(['http', '-1', '65536', '80.5'])('“%s” is refused, naming the variable', (value) => {
    expect(() => parseEnv({ WORKER_HEALTH_PORT: value })).toThrow(EnvError);
    expect(() => parseEnv({ WORKER_HEALTH_PORT: value })).toThrow(/WORKER_HEALTH_PORT/);
  });
});
