// Everything `vsm` prints goes through here. Item titles, keys, statuses, map names, file names and CSV headers
// come from files people send each other; printed raw, an ESC or a C1 control starts a terminal escape sequence
// (clear the screen, set the window title, forge a hyperlink, rewrite the line before), and a bidi override
// makes text read differently from what it is. Human text shows such characters as visible escapes (`\x1b`,
// `\u{202e}`), keeping only newline, tab and the CR of a CRLF; JSON keeps its value and escapes them as `\uXXXX`
// (JSON.stringify already does so for C0, not for C1 and bidi). test/unit/terminal-output.test.ts fails on any
// other write to stdout or stderr under shared/cli.

/** C0 but tab and newline, a CR not before LF, DEL, C1, and the bidi and line-separator formatting characters. */
const UNSAFE_TEXT = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// Tab, newline and CR are JSON's own whitespace here (inside strings JSON.stringify escapes them).
const UNSAFE_JSON = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.codePointAt(0)!.toString(16).padStart(width, '0');

/** Text a terminal shows as it is: every control and bidi character as a visible escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TEXT, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u{${hex(c, 4)}}`));
}

/** JSON text with the same value, its control and bidi characters as `\uXXXX` (only ever inside strings). */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_JSON, (c) => `\\u${hex(c, 4)}`);
}

export const print = (text: string): void => void process.stdout.write(terminalSafe(text));
export const printError = (text: string): void => void process.stderr.write(terminalSafe(text));
/** A value as JSON (pretty unless `compact`), or JSON text already made, on stdout. */
export const printJson = (value: unknown, compact = false): void =>
  void process.stdout.write(`${terminalSafeJson(typeof value === 'string' ? value : JSON.stringify(value, null, compact ? undefined : 2))}\n`);

/** The import's progress line on stderr: our own CR to redraw it, the text escaped. */
export const printProgress = (text: string): void => void process.stderr.write(`\r${terminalSafe(text)}`);
/** Erases the progress line (CR, then ANSI erase-to-end-of-line). */
export const clearProgress = (): void => void process.stderr.write('\r\x1b[K');
