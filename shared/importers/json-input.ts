// Reading JSON exports: whole files (JSON.parse, the fastest path), newline-delimited JSON, and
// streaming (stream-json) for files too large to hold as one string. Every failure names the file and
// the line and column, and recognises the usual mistakes (empty file, an HTML login page, truncation).
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { FlowmapError } from '../domain/errors.ts';

const require = createRequire(import.meta.url);

/** Files above this size are streamed rather than read into one string (V8 strings stop at ~512 MB). */
export const DEFAULT_STREAM_THRESHOLD = 384 * 2 ** 20;

export function invalid(message: string): FlowmapError {
  return new FlowmapError('invalid-input', message);
}

export function lineCol(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: pos - last };
}

/** First non-blank characters of a file, to recognise what it is before parsing it. */
export function sniff(file: string): { size: number; head: string } {
  const st = fs.statSync(file);
  if (st.size === 0) throw invalid(`${file}: the file is empty; expected a JSON export`);
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(st.size, 4096));
    fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head === '') throw invalid(`${file}: the file holds only blank space; expected a JSON export`);
    return { size: st.size, head };
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses HTML (a login or error page saved instead of the API's JSON) with a message saying so. */
export function refuseHtml(file: string, head: string, format: 'JSON' | 'CSV' = 'JSON'): void {
  if (head.startsWith('<')) {
    // The page's title is not quoted: the file could be anything that starts with '<'.
    const hint =
      format === 'JSON' ? 'the API response. Export again while logged in, or use the REST API URL' : 'the CSV export. Export it again while logged in';
    throw invalid(`${file}: line 1: this is an HTML page, not ${format}; it is probably a login or error page saved instead of ${hint}`);
  }
}

/** JSON.parse with an error that names the file, line and column, and says when the file is cut short. */
export function parseJsonText(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const truncated = /end of JSON input/i.test(msg) || pos >= text.trimEnd().length;
    const { line, column } = lineCol(text, pos);
    const reason = truncated
      ? 'the JSON ends before its last value is complete (the file is truncated: download or export it again)'
      : // V8's message quotes the text around the error: only its position is kept.
        `invalid JSON (${/^Unexpected end/i.test(msg) ? 'unexpected end' : /Unexpected token|Unexpected non-whitespace/i.test(msg) ? 'unexpected character' : 'not valid JSON'})`;
    throw invalid(`${file}: line ${line + lineOffset}, column ${column}: ${reason}; expected one JSON document`);
  }
}

/** Newline-delimited JSON: one value per non-blank line, yielded with its line number. */
export async function* readNdjson(file: string): AsyncGenerator<{ value: unknown; line: number }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    yield { value: parseJsonText(text, file, line - 1), line };
  }
}

/** True when the first line of the text is one complete JSON object and more follows (NDJSON). */
export function looksLikeNdjson(head: string): boolean {
  if (!head.startsWith('{')) return false;
  const nl = head.indexOf('\n');
  if (nl === -1) return false;
  const first = head.slice(0, nl).trim();
  if (!first.endsWith('}')) return false;
  try {
    JSON.parse(first);
    return head.slice(nl).trim() !== '';
  } catch {
    return false;
  }
}

/** True when the file's last non-blank character closes an array or object. */
function endsLikeDocument(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 256));
    fs.readSync(fd, buf, 0, buf.length, size - buf.length);
    return /[\]}]\s*$/.test(buf.toString('latin1'));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams the elements of the top-level array of a file (or of the array under `key` when the top level
 * is an object), each assembled as a plain value. Memory stays at one element at a time.
 */
export async function* streamArrayElements(file: string, key: string | null): AsyncGenerator<{ value: unknown; index: number }> {
  const { parser } = require('stream-json') as typeof import('stream-json');
  const { pick } = require('stream-json/filters/Pick') as typeof import('stream-json/filters/Pick');
  const { streamArray } = require('stream-json/streamers/StreamArray') as typeof import('stream-json/streamers/StreamArray');
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  source.on('data', (chunk) => (bytes += chunk.length));
  const stages: NodeJS.ReadWriteStream[] = [parser()];
  // A function filter: the string form joins the whole path on every token, quadratic in the nesting depth.
  if (key !== null) stages.push(pick({ filter: (stack) => stack[0] === key }));
  const stream = streamArray();
  stages.push(stream);
  const errors: Error[] = [];
  const onError = (e: Error) => {
    errors.push(e);
    stream.destroy(e);
  };
  source.on('error', onError);
  let upstream: NodeJS.ReadableStream = source;
  for (const stage of stages) {
    stage.on('error', onError);
    upstream = upstream.pipe(stage);
  }
  try {
    for await (const chunk of stream as AsyncIterable<{ key: number; value: unknown }>) yield { value: chunk.value, index: chunk.key };
  } catch (e) {
    const msg = (errors[0] ?? (e as Error)).message;
    if (/Top-level object should be an array/.test(msg)) {
      throw invalid(`${file}: ${key === null ? 'the top level' : `field ${key}`}: expected an array, got another value`);
    }
    // Cut short: the parser ran out of input, or the file does not end the way a whole document ends.
    const truncated = /unexpected end|premature|incomplete|Parser has expected/i.test(msg) || !endsLikeDocument(file);
    throw invalid(
      `${file}: near byte ${bytes}: ${truncated ? 'the JSON ends before its last value is complete (the file is truncated: export it again)' : `invalid JSON (${msg})`}`,
    );
  } finally {
    source.destroy();
  }
}
