// Keys whose values are credentials wherever they appear in a request (passwords of users,
// clusters and registries, tokens); their values become "***" in the audit log.
const SECRET_KEY = /pass(word)?|secret|token|credential|authorization|private.?key/i;
// A URL may carry credentials in its user-info part (https://user:pass@host).
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i;

const MASK = '***';

// What jsonb cannot hold (NUL, unpaired surrogates) may still reach an error message that quotes
// a refused field name; it is replaced so the row of the refusal can be written.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * A copy of `value` that holds no secret (secret-named fields masked, URL credentials stripped)
 * and nothing jsonb refuses.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return MASK;
  if (typeof value === 'string') return storableText(value).replace(URL_USERINFO, `$1${MASK}@`);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // `hasPassword`-style flags are facts, not secrets.
      const secret = SECRET_KEY.test(key) && typeof item !== 'boolean' && item !== null && item !== undefined && item !== '';
      out[storableText(key)] = secret ? MASK : maskSecrets(item, depth + 1);
    }
    return out;
  }
  return value;
}
