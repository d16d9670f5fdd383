/**
 * What may reach a log line. Guards: the API Key, the Sign header and any secret never
 * appear, and payout request bodies (recipients, amounts) are reduced to their shape, so a
 * log shared with support leaks neither credentials nor who was paid what.
 */
const SECRET_KEYS =
  /^(key|sign|secret|apikey|apisecret|api_key|api_secret|password|authorization|token|x-desk-token)$/i;
const BODY_KEYS = /^(body|payload|massaddresses|envelope)$/i;
// 32+ hex characters: an API key or secret, an HMAC, a token, whatever field it sits in.
const LONG_HEX = /\b[0-9a-f]{32,}\b/gi;

export const REDACTED = '[redacted]';

function redactText(text: string): string {
  return text.replace(LONG_HEX, REDACTED);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((entry) => redact(entry, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message) };
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (SECRET_KEYS.test(key)) out[key] = REDACTED;
      else if (BODY_KEYS.test(key))
        out[key] = Array.isArray(field) ? `[${field.length} items]` : REDACTED;
      else out[key] = redact(field, depth + 1);
    }
    return out;
  }
  return value;
}
