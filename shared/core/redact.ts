// One redaction for every token in every encoding a server could echo back: raw, URL-encoded, and base64 /
// base64url at any alignment, so `Basic base64(email:token)` with any email, and base64 of the token alone,
// are caught too. Applied where errors, warnings, events and answers leave the core. Node only (Buffer).

export const REDACTED = '[redacted]';
/** Shorter strings are too likely to occur by chance in ordinary text. */
const MIN_SECRET_LENGTH = 6;

/**
 * The substrings that every base64 encoding of a text containing `secret` must contain: for each of the three
 * byte alignments, the characters that depend on the secret's bytes only.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const core = b64.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    if (core.length >= MIN_SECRET_LENGTH) out.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return out;
}

/** Every form of the secrets to look for, longest first (so a longer form is replaced before a part of it). */
export function secretForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(encodeURIComponent(s).replaceAll('%20', '+'));
    for (const c of base64Cores(s)) forms.add(c);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
  return out;
}

/** Every string in a JSON-like value, redacted; the value itself is returned untouched when nothing matches. */
export function redactValue<T>(value: T, forms: readonly string[]): T {
  if (forms.length === 0) return value;
  if (typeof value === 'string') return redactText(value, forms) as T;
  if (value === null || typeof value !== 'object') return value;
  // One scan of the serialised answer decides: large answers without a secret cost one stringify.
  const text = JSON.stringify(value);
  if (text === undefined || !forms.some((f) => text.includes(f) || text.includes(JSON.stringify(f).slice(1, -1)))) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, forms);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, forms), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
