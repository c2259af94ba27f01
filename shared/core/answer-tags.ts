// Tags for the answers the core keeps and hands out again (recentAnswer): the same object is the same answer,
// so a client that still holds it can be told "unchanged" instead of being sent (and parsing) megabytes it
// already has — a filter toggled back on 50,000 items spent ~150 ms of its ~240 ms receiving its own series
// again. A tag names one object of one core process, never its content: a new answer, or a new process,
// never matches an old tag.
const tags = new WeakMap<object, string>();
// Random per process, so a tag from a core that has since restarted can never name an answer of this one.
const boot = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
let next = 0;

/** Marks a kept answer (an object every caller shares and none changes) as taggable. */
export function keepTagged<T>(answer: T): T {
  if (typeof answer === 'object' && answer !== null && !tags.has(answer)) tags.set(answer, `${boot}-${(next++).toString(36)}`);
  return answer;
}

/** The tag of a kept answer; null for any other value (a fresh object is never "unchanged"). */
export function answerTag(value: unknown): string | null {
  return typeof value === 'object' && value !== null ? (tags.get(value) ?? null) : null;
}

// The JSON text of a kept answer, written once: the same object always has the same text, and a 50,000-item
// series is ~3.5 MB (30–40 ms to write) that a filter toggled back, or computed ahead (next-filters.ts), would
// otherwise write again for each caller. Held only while the answer itself is kept.
const texts = new WeakMap<object, string>();

/** A kept answer's JSON text, written the first time it is asked for (any other value: written now). */
export function answerText(value: unknown): string {
  if (answerTag(value) === null) return JSON.stringify(value ?? null);
  const obj = value as object;
  let text = texts.get(obj);
  if (text === undefined) texts.set(obj, (text = JSON.stringify(obj)));
  return text;
}

/** An answer's JSON text with its tag (null: not a kept answer), or word that the caller's copy is still it. */
export type TaggedAnswer = { json: string; tag: string | null } | { same: true; tag: string };

/**
 * `value` for a caller that holds the answer tagged `have`: `same` while it is that kept answer, else its text
 * (a kept answer's written once, any other's by `text`).
 */
export function answerFor(value: unknown, have: string | undefined, text: () => string): TaggedAnswer {
  const tag = answerTag(value);
  if (tag === null) return { json: text(), tag };
  return tag === have ? { same: true, tag } : { json: answerText(value), tag };
}

/** What an If-None-Match may carry: one tag as `answerTag` makes them, quoted or not. */
export function parseTag(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^\s*"?([0-9a-f]{12}-[0-9a-z]{1,12})"?\s*$/.exec(header);
  return m ? m[1] : undefined;
}
