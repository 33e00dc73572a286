import { describe, expect, it } from 'vitest';
import { describeLlmConfig, parseLlmConfig } from '../../../adapters/llm/llm-config.js';

describe('parseLlmConfig', () => {
  it.each([
    { name: 'nothing set', env: {} },
    { name: 'empty base URL', env: { LLM_BASE_URL: '', LLM_MODEL: 'deepseek-chat' } },
    { name: 'a model but no base URL', env: { LLM_MODEL: 'qwen-plus', LLM_API_KEY: 'sk-x' } },
  ])('means no LLM when $name', ({ env }) => {
    expect(parseLlmConfig(env)).toBeUndefined();
  });

  it('reads every variable', () => {
    expect(
      parseLlmConfig({
        LLM_BASE_URL: 'https://api.deepseek.com/v1',
        LLM_API_KEY: 'sk-secret',
        LLM_MODEL: 'deepseek-chat',
        LLM_MODE: 'tools',
        LLM_TIMEOUT: '5s',
      }),
    ).toEqual({
      baseUrl: 'https://api.deepseek.com/v1',
      apiKey: 'sk-secret',
      model: 'deepseek-chat',
      mode: 'tools',
      timeoutMs: 5_000,
    });
  });

  it('defaults to json_schema, 8 s and no key', () => {
    expect(parseLlmConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'qwen' })).toEqual({
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'qwen',
      mode: 'json_schema',
      timeoutMs: 8_000,
    });
  });

  it.each([
    { value: '300ms', ms: 300 },
    { value: '8', ms: 8_000 },
    { value: '1.5', ms: 1_500 },
    { value: '1m', ms: 60_000 },
  ])('reads LLM_TIMEOUT=$value as $ms ms', ({ value, ms }) => {
    const config = parseLlmConfig({
      LLM_BASE_URL: 'http://localhost:8000/v1',
      LLM_MODEL: 'm',
      LLM_TIMEOUT: value,
    });
    expect(config?.timeoutMs).toBe(ms);
  });

  it.each([
    { name: 'an unknown mode', env: { LLM_MODE: 'xml' }, variable: 'LLM_MODE' },
    { name: 'a timeout of 10 minutes', env: { LLM_TIMEOUT: '10m' }, variable: 'LLM_TIMEOUT' },
    { name: 'a timeout that is not a duration', env: { LLM_TIMEOUT: 'soon' }, variable: 'LLM_TIMEOUT' },
    { name: 'a base URL that is not http', env: { LLM_BASE_URL: 'ftp://x/v1' }, variable: 'LLM_BASE_URL' },
    {
      name: 'a base URL without a model',
      env: { LLM_BASE_URL: 'http://x/v1', LLM_MODEL: '' },
      variable: 'LLM_MODEL',
    },
  ])('rejects $name, naming $variable', ({ env, variable }) => {
    expect(() => parseLlmConfig({ LLM_BASE_URL: 'http://x/v1', LLM_MODEL: 'm', ...env })).toThrow(variable);
  });
});

describe('describeLlmConfig', () => {
  it('never shows the key', () => {
    const config = parseLlmConfig({ LLM_BASE_URL: 'http://x/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-secret' });
    expect(JSON.stringify(describeLlmConfig(config))).not.toContain('sk-secret');
    expect(describeLlmConfig(undefined)).toEqual({ llm: 'off' });
  });
});
