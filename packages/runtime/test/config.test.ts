import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, RuntimeEnvSchema } from '../src/config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const env = loadConfig(RuntimeEnvSchema, {});
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.STAGE_ATTEMPTS).toBe(3);
  });

  it('names every bad variable and its value', () => {
    let error: unknown;
    try {
      loadConfig(RuntimeEnvSchema, {
        REDIS_URL: 'http://localhost:6379',
        STAGE_ATTEMPTS: 'lots',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/REDIS_URL \("http:\/\/localhost:6379"\): must be a redis or rediss URL/);
    expect(message).toMatch(/STAGE_ATTEMPTS \("lots"\): must be a number/);
    expect(message).toMatch(/LOG_LEVEL \("loud"\)/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(RuntimeEnvSchema, { QUEUE_PREFIX: '' }).QUEUE_PREFIX).toBe('aiops');
  });
});
