import { describe, expect, it } from 'vitest';
import { redact, redactValue } from '../src/llm/redact';

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redact', () => {
  const secrets: [string, string, string][] = [
    ['bearer token', 'Authorization: Bearer abc123def456ghi789', 'abc123def456ghi789'],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['password in a URL', 'postgres://app:s3cr3t-pw@db.shop:5432/orders', 's3cr3t-pw'],
    ['password= pair', 'connecting with password=hunter2 to db', 'hunter2'],
    ['token= in a query string', 'GET /callback?user=1&token=tok_98765&x=2', 'tok_98765'],
    ['secret: pair', 'client_secret: qwerty-12345', 'qwerty-12345'],
    ['api key header', 'x-api-key: 0123456789abcdef', '0123456789abcdef'],
    ['JSON password', '{"db_password": "Tr0ub4dor&3", "user": "app"}', 'Tr0ub4dor&3'],
    ['JWT', `session ${JWT} expired`, JWT],
    ['AWS access key id', 'key AKIAIOSFODNN7EXAMPLE used', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'AWS secret key',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    ['private key', `key:\n${PRIVATE_KEY}\nend`, 'MIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu'],
    ['OpenAI key', 'LLM_API_KEY was sk-proj-Abcdefghijklmnop123456', 'sk-proj-Abcdefghijklmnop123456'],
    ['GitHub token', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['Slack token', 'xoxb-123456789012-abcdefghijkl', 'xoxb-123456789012-abcdefghijkl'],
    [
      'Feishu hook token',
      'https://open.feishu.cn/open-apis/bot/v2/hook/1b2c3d4e-aaaa-bbbb',
      '1b2c3d4e-aaaa-bbbb',
    ],
    [
      'base64 blob',
      'data: Q2xhc3NpZmllZDogdGhlIGtleSBpcyA5OTg4Nzc2NjU1',
      'Q2xhc3NpZmllZDogdGhlIGtleSBpcyA5OTg4Nzc2NjU1',
    ],
  ];

  for (const [name, text, secret] of secrets) {
    it(`removes a ${name}`, () => {
      const out = redact(text);
      expect(out).not.toContain(secret);
      expect(out).toContain('[REDACTED]');
    });
  }

  it('keeps what is not a secret', () => {
    const text = [
      'service/shop/checkout latency-90 up 12.3 IQRs; explains 3 anomalous dependent(s)',
      'pod/shop/cart-7d9f8b6c5d-x2x9z OOMKilled at 2025-01-15T10:13:00.000Z',
      'image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'metric container_memory_working_set_bytes, Basic authentication is off, token bucket limiter',
      'kubectl rollout undo deployment/payment -n shop',
    ].join('\n');
    expect(redact(text)).toBe(text);
  });

  it('keeps the key name and quoting so the text still reads', () => {
    expect(redact('DB_PASSWORD="abc" next')).toBe('DB_PASSWORD="[REDACTED]" next');
    expect(redact('https://user:pw@host/x')).toBe('https://user:[REDACTED]@host/x');
  });

  it('reaches into objects and arrays', () => {
    const value = redactValue({ a: ['password=x1', { b: 'Bearer abcdefghijk' }], n: 3 });
    expect(value).toEqual({ a: ['password=[REDACTED]', { b: 'Bearer [REDACTED]' }], n: 3 });
  });
});
