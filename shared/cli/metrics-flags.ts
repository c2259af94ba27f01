// Options every metrics command shares: workspace, map, window, filters and the duration basis.
import type { Command } from 'commander';
import type { Core } from '../core/create-core.ts';
import { FlowmapError } from '../domain/errors.ts';
import { tryParseInstant } from '../domain/instant.ts';
import type { WorkingCalendar } from '../metrics/calendar.ts';
import { getMap } from '../store/map-repo.ts';

export interface MetricsFlags {
  workspace?: string;
  demo?: boolean;
  map?: string;
  asOf?: string;
  from?: string;
  to?: string;
  type?: string[];
  label?: string;
  tz?: string;
  workingDays?: string;
  holidays?: string;
  elapsed?: boolean;
  json?: boolean;
}

const collect = (v: string, acc: string[] = []) => [...acc, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function addMetricsOptions(cmd: Command, mapRequired: boolean): Command {
  cmd
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'use the demo workspace')
    .option('--map <name>', mapRequired ? 'map name (default: the most recently edited map)' : 'map name (without one: no step times, no done instant)')
    .option('--as-of <iso>', 'the instant the figures describe (default: now, or the workspace pinned instant)')
    .option('--from <iso>', 'window start: items done at or after it')
    .option('--to <iso>', 'window end (exclusive)')
    .option('--type <type>', 'only items of this type (repeat or comma-separate)', collect)
    .option('--label <label>', 'only items with this label')
    .option('--tz <zone>', 'working calendar: team time zone (IANA, e.g. Europe/Berlin)')
    .option('--working-days <days>', 'working calendar: ISO weekdays, e.g. 1-5 or 1,2,3,4,5 (1 = Monday)')
    .option('--holidays <dates>', 'working calendar: comma-separated local dates YYYY-MM-DD')
    .option('--elapsed', 'elapsed hours even if the map names a working calendar');
  return cmd;
}

/** ISO input as the contract wants it (with an offset); a bare date is taken as UTC midnight. */
function iso(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = tryParseInstant(v);
  if (t === null) throw new FlowmapError('invalid-input', `--${flag} ${JSON.stringify(v)} is not an instant; expected e.g. 2026-01-05T09:12:33+01:00 or 2026-01-05`);
  return new Date(t).toISOString();
}

function parseDays(v: string): number[] {
  const out = new Set<number>();
  for (const part of v.split(',')) {
    const m = /^\s*([1-7])\s*(?:-\s*([1-7])\s*)?$/.exec(part);
    if (!m) throw new FlowmapError('invalid-input', `--working-days ${JSON.stringify(v)}: expected ISO weekdays such as 1-5 or 1,2,3,4,5 (1 = Monday, 7 = Sunday)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let d = Math.min(a, b); d <= Math.max(a, b); d++) out.add(d);
  }
  return [...out].sort();
}

export function calendarOf(o: MetricsFlags): WorkingCalendar | null | undefined {
  if (o.elapsed) return null;
  if (o.tz === undefined && o.workingDays === undefined && o.holidays === undefined) return undefined;
  return {
    timeZone: o.tz ?? 'UTC',
    workingDays: o.workingDays === undefined ? [1, 2, 3, 4, 5] : parseDays(o.workingDays),
    holidays: o.holidays === undefined ? [] : o.holidays.split(',').map((s) => s.trim()).filter(Boolean),
  };
}

export function queryOf(core: Core, o: MetricsFlags, opts: { map: 'required' | 'optional' }) {
  let mapId: number | undefined;
  if (o.map !== undefined) mapId = getMap(core.db, { name: o.map }).id;
  else if (opts.map === 'required') {
    const row = core.db.prepare('SELECT id FROM maps ORDER BY updated_at DESC, id DESC LIMIT 1').get() as { id: number } | undefined;
    if (!row) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE --workspace WS`');
    mapId = row.id;
  }
  const calendar = calendarOf(o);
  return {
    mapId,
    asOf: iso('as-of', o.asOf),
    from: iso('from', o.from),
    to: iso('to', o.to),
    ...(o.type && o.type.length ? { types: o.type } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(calendar !== undefined ? { calendar } : {}),
  };
}
