// Input values quoted in error messages: short and safe whatever the input holds. A 5 MB string is cut,
// nesting is shown three levels deep (JSON.stringify and String() overflow the stack on a few thousand
// levels), and objects whose `toString` key is data are never converted. Pure; browser-safe.

/** At most `max` characters of text, with an ellipsis when cut. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** An object's first six keys, each clipped, for an error that says what a document held instead. */
export function keyList(o: object): string {
  return (
    Object.keys(o)
      .slice(0, 6)
      .map((k) => clip(k, 40))
      .join(', ') || '(none)'
  );
}

/** A JSON-like rendering of any parsed value, at most `max` characters; `nothing` for undefined. */
export function preview(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  let out = '';
  const walk = (v: unknown, depth: number): void => {
    if (out.length > max) return;
    if (typeof v === 'string') {
      out += JSON.stringify(v.length > max ? v.slice(0, max) : v);
    } else if (v === null || typeof v !== 'object') {
      out += String(v);
    } else if (depth >= 3) {
      out += Array.isArray(v) ? '[…]' : '{…}';
    } else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= max; i++) {
        if (i > 0) out += ',';
        walk(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (out.length > max) break;
        out += `${first ? '' : ','}${JSON.stringify(k.length > max ? k.slice(0, max) : k)}:`;
        first = false;
        walk(x, depth + 1);
      }
      out += '}';
    }
  };
  walk(value, 0);
  return clip(out, max);
}

/** The text of a value that should be a string (numbers too); null for anything else. */
export function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/**
 * What a value is, never what it holds: for messages about a file whose format was not recognised (it may be
 * any file the user, or a page, pointed an import at: /etc/shadow must not come back in the error).
 */
export function shapeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
