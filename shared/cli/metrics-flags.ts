// Options every metrics command shares: workspace, map, window, filters and the duration basis.
import type { Command } from 'commander';
import type { Core } from '../core/create-core.ts';
import { FlowmapError } from '../domain/errors.ts';
import { CONVENTION_NAMES, isConventionName, type ConventionName } from '../metrics/convention-names.ts';
import type { WorkingCalendar } from '../metrics/calendar.ts';
import { DATE_FLAG_HELP, parseDateFlag } from './date-flag.ts';

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

const collect = (v: string, acc: string[] = []) => [
  ...acc,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function addMetricsOptions(cmd: Command, _mapRequired: boolean): Command {
  cmd
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'use the demo workspace')
    .option('--map <name>', 'map name (default: the most recently edited map)')
    .option('--as-of <date>', `the instant the figures describe (default: now, or the workspace pinned instant): ${DATE_FLAG_HELP}`)
    .option('--from <date>', 'window start: items done at or after it')
    .option('--to <date>', 'window end (exclusive)')
    .option('--type <type>', 'only items of this type (repeat or comma-separate)', collect)
    .option('--label <label>', 'only items with this label')
    .option('--tz <zone>', 'team time zone (IANA, e.g. Europe/Berlin): where days start, for dates and the working calendar')
    .option('--working-days <days>', 'working calendar: ISO weekdays, e.g. 1-5 or 1,2,3,4,5 (1 = Monday)')
    .option('--holidays <dates>', 'working calendar: comma-separated local dates YYYY-MM-DD')
    .option('--elapsed', 'elapsed hours even if the map names a working calendar');
  return cmd;
}

function parseDays(v: string): number[] {
  const out = new Set<number>();
  for (const part of v.split(',')) {
    const m = /^\s*([1-7])\s*(?:-\s*([1-7])\s*)?$/.exec(part);
    if (!m)
      throw new FlowmapError('invalid-input', `--working-days ${JSON.stringify(v)}: expected ISO weekdays such as 1-5 or 1,2,3,4,5 (1 = Monday, 7 = Sunday)`);
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
    holidays:
      o.holidays === undefined
        ? []
        : o.holidays
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
  };
}

export async function queryOf(core: Core, o: MetricsFlags, opts: { map: 'required' | 'optional' }) {
  // Without --map, the core's rule (the most recently edited map) for every command alike.
  let mapId: number | undefined;
  if (o.map !== undefined) mapId = (await core.call('getMap', { name: o.map }))!.id;
  else if (opts.map === 'required') {
    const latest = await core.call('getMap', {});
    if (!latest) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE --workspace WS`');
    mapId = latest.id;
  }
  const calendar = calendarOf(o);
  return {
    mapId,
    asOf: parseDateFlag('as-of', o.asOf, o.tz),
    from: parseDateFlag('from', o.from, o.tz),
    to: parseDateFlag('to', o.to, o.tz),
    ...(o.type && o.type.length ? { types: o.type } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(calendar !== undefined ? { calendar } : {}),
  };
}

/** A --convention / --compare value, checked without loading the metrics code. */
export function conventionName(flag: string, v: string): ConventionName {
  if (isConventionName(v)) return v;
  throw new FlowmapError('invalid-input', `--${flag} ${JSON.stringify(v)}: expected one of ${CONVENTION_NAMES.join(', ')}`);
}
