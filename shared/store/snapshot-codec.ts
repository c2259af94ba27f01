// The item snapshot packed into one blob (what migration 010's item_snapshots row holds) and unpacked again.
// Layout: "FMSS", the format, the length of a JSON header (counts, the table high-water marks, the string
// dictionary, keys, labels), the header, then typed-array sections each starting on an 8-byte boundary.
// Statuses and types are indices into the dictionary, so 500,000 changes pack into ~15 MB of numbers that
// unpack in a few milliseconds. The blob comes from a file people send: unpacking checks every count, index
// and ordering the walker relies on and throws on the first that does not hold (the caller then reads the
// tables instead). Node only (Buffer).
import type { ItemSnapshot } from './item-snapshot.ts';

export const SNAPSHOT_FORMAT = 1;
const MAGIC = 0x53534d46; // "FMSS" little-endian

/** The tables' highest row ids when the snapshot was read: a blob for other rows is not this workspace's. */
export interface SnapshotMarks {
  maxItem: number;
  maxChange: number;
  maxFlag: number;
}

interface Header extends SnapshotMarks {
  n: number;
  m: number;
  f: number;
  dict: string[];
  keys: string[];
  /** Per item: dictionary indices of its labels, or 0 for none (most items). */
  labels: Array<number[] | 0>;
}

const pad8 = (x: number) => (x + 7) & ~7;

export function encodeSnapshot(s: ItemSnapshot, marks: SnapshotMarks): Buffer {
  const n = s.count;
  const m = s.changeStart[n]!;
  const f = s.flagStart[n]!;
  const index = new Map<string, number>();
  const dict: string[] = [];
  const ix = (v: string | null | undefined): number => {
    if (v === null || v === undefined) return -1;
    let i = index.get(v);
    if (i === undefined) {
      i = dict.length;
      dict.push(v);
      index.set(v, i);
    }
    return i;
  };
  const type = new Int32Array(n);
  const initial = new Int32Array(n);
  const labels: Array<number[] | 0> = new Array(n);
  for (let k = 0; k < n; k++) {
    type[k] = ix(s.types[k]);
    initial[k] = ix(s.initialStatus[k]);
    const l = s.labels[k]!;
    labels[k] = l.length === 0 ? 0 : l.map(ix);
  }
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  for (let c = 0; c < m; c++) {
    from[c] = ix(s.from[c]);
    to[c] = ix(s.to[c]);
  }
  const header: Header = { n, m, f, ...marks, dict, keys: s.keys.slice(0, n), labels };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const sections: ArrayBufferView[] = [
    s.ids.subarray(0, n),
    s.createdAt.subarray(0, n),
    type,
    initial,
    s.changeStart.subarray(0, n + 1),
    s.at.subarray(0, m),
    from,
    to,
    s.offsetMin.subarray(0, m),
    s.flagStart.subarray(0, n + 1),
    s.flagPairs.subarray(0, f * 2),
  ];
  let size = pad8(12 + json.length);
  for (const v of sections) size = pad8(size + v.byteLength);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(SNAPSHOT_FORMAT, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  let at = pad8(12 + json.length);
  for (const v of sections) {
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), at);
    at = pad8(at + v.byteLength);
  }
  return out;
}

class BadSnapshot extends Error {}
function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new BadSnapshot(`saved item snapshot: ${what}`);
}
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Unpacks a blob from encodeSnapshot; throws on any inconsistency. `stamp` is the caller's (the tables' now). */
export function decodeSnapshot(blob: Uint8Array, stamp: string): ItemSnapshot & { marks: SnapshotMarks } {
  check(blob.byteLength >= 12, 'too short');
  // One aligned copy: typed views need their offsets on multiples of 8, and the driver's buffer promises none.
  const buf = new ArrayBuffer(blob.byteLength);
  new Uint8Array(buf).set(blob);
  const view = new DataView(buf);
  check(view.getUint32(0, true) === MAGIC, 'not a snapshot');
  check(view.getUint32(4, true) === SNAPSHOT_FORMAT, 'another format');
  const jsonLen = view.getUint32(8, true);
  check(12 + jsonLen <= buf.byteLength, 'header past the end');
  let h: Header;
  try {
    h = JSON.parse(Buffer.from(buf, 12, jsonLen).toString('utf8')) as Header;
  } catch {
    throw new BadSnapshot('saved item snapshot: header is not JSON');
  }
  check(typeof h === 'object' && h !== null, 'header is not an object');
  const { n, m, f } = h;
  check(isCount(n) && isCount(m) && isCount(f), 'counts');
  check(isCount(h.maxItem) && isCount(h.maxChange) && isCount(h.maxFlag), 'marks');
  check(Array.isArray(h.dict) && h.dict.every((d) => typeof d === 'string'), 'dictionary');
  check(Array.isArray(h.keys) && h.keys.length === n && h.keys.every((k) => typeof k === 'string'), 'keys');
  check(Array.isArray(h.labels) && h.labels.length === n, 'labels');
  const D = h.dict.length;
  const inDict = (i: unknown): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < D;

  let at = pad8(12 + jsonLen);
  const take = <T extends Int32Array | Float64Array>(Kind: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, len: number): T => {
    const bytes = len * Kind.BYTES_PER_ELEMENT;
    check(at + bytes <= buf.byteLength, 'sections past the end');
    const v = new Kind(buf, at, len);
    at = pad8(at + bytes);
    return v;
  };
  const ids = take(Int32Array, n);
  const createdAt = take(Float64Array, n);
  const type = take(Int32Array, n);
  const initial = take(Int32Array, n);
  const changeStart = take(Int32Array, n + 1);
  const atArr = take(Float64Array, m);
  const fromIx = take(Int32Array, m);
  const toIx = take(Int32Array, m);
  const offsetMin = take(Float64Array, m);
  const flagStart = take(Int32Array, n + 1);
  const flagPairs = take(Float64Array, f * 2);
  check(at === buf.byteLength, 'trailing bytes');

  const none: readonly string[] = Object.freeze([]);
  const types: (string | null)[] = new Array(n);
  const initialStatus: (string | null)[] = new Array(n);
  const labels: (readonly string[])[] = new Array(n);
  check(changeStart[0] === 0 && changeStart[n] === m && flagStart[0] === 0 && flagStart[n] === f, 'ranges');
  for (let k = 0; k < n; k++) {
    check(k === 0 || ids[k]! > ids[k - 1]!, 'item order');
    check(Number.isFinite(createdAt[k]!), 'creation instant');
    check(changeStart[k + 1]! >= changeStart[k]! && flagStart[k + 1]! >= flagStart[k]!, 'ranges');
    const t = type[k]!;
    const i = initial[k]!;
    check((t === -1 || inDict(t)) && (i === -1 || inDict(i)), 'type or status index');
    types[k] = t === -1 ? null : h.dict[t]!;
    initialStatus[k] = i === -1 ? null : h.dict[i]!;
    const l = h.labels[k];
    if (l === 0) labels[k] = none;
    else {
      check(Array.isArray(l) && l.every(inDict), 'label index');
      labels[k] = l.map((j) => h.dict[j]!);
    }
  }
  const from: (string | null)[] = new Array(m);
  const to: string[] = new Array(m);
  for (let c = 0; c < m; c++) {
    const a = fromIx[c]!;
    const b = toIx[c]!;
    check((a === -1 || inDict(a)) && inDict(b), 'status index');
    check(Number.isFinite(atArr[c]!), 'change instant');
    from[c] = a === -1 ? null : h.dict[a]!;
    to[c] = h.dict[b]!;
  }
  for (let j = 0; j < f; j++) check(Number.isFinite(flagPairs[j * 2]!) && (flagPairs[j * 2 + 1] === 0 || flagPairs[j * 2 + 1] === 1), 'flag change');
  return {
    count: n,
    ids,
    keys: h.keys,
    types,
    labels,
    createdAt,
    initialStatus,
    changeStart,
    at: atArr,
    from,
    to,
    offsetMin,
    flagStart,
    flagPairs,
    stamp,
    marks: { maxItem: h.maxItem, maxChange: h.maxChange, maxFlag: h.maxFlag },
  };
}
