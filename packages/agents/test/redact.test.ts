import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets } from '../src';

describe('redactSecrets', () => {
  it.each([
    ['Authorization: Bearer abcdef0123456789xyz', 'abcdef0123456789xyz'],
    ['postgres://app:hunter2@db:5432/shop', 'hunter2'],
    ['password=s3cr3t-value next', 's3cr3t-value'],
    ['DB_TOKEN: "tok_9f8e7d6c"', 'tok_9f8e7d6c'],
    ['key AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ', 'eyJzdWIiOiIxMjM0In0'],
    ['api key sk-proj-ABCDEFGHIJKLMNOPQRSTUV', 'sk-proj-ABCDEFGHIJKLMNOPQRSTUV'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'MIIEow'],
    [
      'blob dGhpcyBpcyBhIHNlY3JldCBrZXkgdGhhdCBpcyBsb25nZW5vdWdoMTIz',
      'dGhpcyBpcyBhIHNlY3JldCBrZXkgdGhhdCBpcyBsb25nZW5vdWdoMTIz',
    ],
  ])('redacts the secret in %j', (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
  });

  it('leaves ordinary incident text alone', () => {
    const text =
      'Pod shop/api-server-7d9c8b6f5-x2k4p (api) is in waiting state; path /var/lib/kubelet/pods/volumes';
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts every string of a nested value', () => {
    expect(redactDeep({ a: ['token=abc12345'], b: { c: 3 } })).toEqual({
      a: ['token=[REDACTED]'],
      b: { c: 3 },
    });
  });
});
