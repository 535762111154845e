const MARK = '[REDACTED]';

/** Key names whose values are secrets, in `key=value`, `key: value` and JSON forms. */
const SECRET_KEY =
  '[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|session[_-]?id|cookie)[\\w.-]*';

interface Rule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const RULES: Rule[] = [
  {
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: () => MARK,
  },
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => MARK },
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]+):([^\s@/]+)@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${MARK}@`,
  },
  { pattern: /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, replace: (_m, word) => `${word} ${MARK}` },
  {
    // Basic and Token credentials are base64 or hex: they hold a digit or one of + / =, unlike prose.
    pattern: /\b(Basic|Token)\s+(?=[A-Za-z0-9+/=._-]*[0-9+/=])[A-Za-z0-9+/=._-]{12,}/g,
    replace: (_m, word) => `${word} ${MARK}`,
  },
  {
    pattern: new RegExp(`(${SECRET_KEY})(["']?\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s,;&"'}\\]]+)`, 'gi'),
    replace: (_m, key, separator, value) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${key}${separator}${quote}${MARK}${quote}`;
    },
  },
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g, replace: () => MARK },
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: () => MARK },
  { pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: () => MARK },
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: () => MARK },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => MARK },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: () => MARK },
  { pattern: /(open-apis\/bot\/v2\/hook\/)[A-Za-z0-9-]+/g, replace: (_m, path) => `${path}${MARK}` },
  { pattern: /(hooks\.slack\.com\/services\/)[A-Za-z0-9/]+/g, replace: (_m, path) => `${path}${MARK}` },
  {
    // Long base64-like runs with mixed case, digits and high entropy: keys and tokens, not names or hashes.
    pattern: /[A-Za-z0-9+/_-]{32,}={0,2}/g,
    replace: (match) => (looksLikeSecret(match) ? MARK : match),
  },
];

/**
 * Removes secrets from text before it leaves the process: private keys, JWTs, passwords in URLs, bearer
 * and basic credentials, `password=`/`token=`/`secret=`/`api_key:` pairs (also in JSON), AWS access keys,
 * OpenAI/Stripe/GitHub/Slack/Google keys, webhook tokens, and long high-entropy base64 blobs.
 */
export function redact(text: string): string {
  let out = text;
  for (const rule of RULES)
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  return out;
}

/** `redact` applied to every string inside a JSON-like value. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)])) as T;
  }
  return value;
}

function looksLikeSecret(text: string): boolean {
  if (!/[A-Z]/.test(text) || !/[a-z]/.test(text) || !/[0-9]/.test(text)) return false;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy >= 4;
}
