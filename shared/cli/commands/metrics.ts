// `vsm metrics --workspace WS --map NAME [--as-of ISO] [--from ISO --to ISO] [--json]`: the headline flow
// metrics; with --series the chart series, with --forecast-items/--forecast-by a Monte Carlo forecast.
import type { Command } from 'commander';
import type { FlowMetrics } from '../../metrics/flow-metrics.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { parseDateFlag } from '../date-flag.ts';
import type { Ladders } from '../../metrics/ladder.ts';
import { addMetricsOptions, conventionName, queryOf, type MetricsFlags } from '../metrics-flags.ts';
import { openCore } from '../open-core.ts';
import type { ConventionFigures } from '../../metrics/conventions.ts';
import { print, printJson } from '../terminal-output.ts';
import { rowCount } from '../../domain/column-table.ts';

interface Flags extends MetricsFlags {
  convention?: string;
  startStep?: string;
  series?: boolean;
  forecastItems?: string;
  forecastBy?: string;
  seed?: string;
  trials?: string;
  historyDays?: string;
}

const h = (x: number) => `${x.toFixed(1)} h`;
const pctText = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}

function ladderLines(l: Ladders | undefined): string[] {
  if (!l) return [];
  const side = (label: string, x: Ladders['estimate'] | Ladders['measured']) =>
    x === null
      ? `Ladder (${label}): none (${label === 'estimate' ? 'no step has both a process time and a lead time' : 'no item completed in the window'})`
      : `Ladder (${label}): lead ${h(x.totalLeadTimeHours)}, process ${h(x.totalProcessTimeHours)}, activity ratio ${x.activityRatio === null ? '-' : pctText(x.activityRatio)}` +
        `${x.rolledPercentCompleteAccurate === null ? '' : `, rolled %C&A ${pctText(x.rolledPercentCompleteAccurate)}`}` +
        `${
          x.rungs.some((r) => r.noData)
            ? ` (no data: ${x.rungs
                .filter((r) => r.noData)
                .map((r) => r.stepId)
                .join(', ')})`
            : ''
        }`;
  return [
    '',
    side('estimate', l.estimate),
    side('measured', l.measured),
    ...(l.estimate?.offPath.length ? [`Off the main path: ${l.estimate.offPath.map((s) => s.stepId).join(', ')}`] : []),
  ];
}

export function formatMetrics(m: FlowMetrics & { ladder?: Ladders }, mapName: string): string {
  const out = [
    `Flow metrics of "${mapName}" as of ${m.asOf}`,
    `Window: items done in [${m.window.from}, ${m.window.to})`,
    `Durations: ${m.durations?.text ?? 'elapsed hours'}`,
    '',
    `Items: ${m.items.total} (done in window: ${m.items.done}${m.items.doneNeverStarted ? `, of which ${m.items.doneNeverStarted} never entered a mapped status` : ''}; unfinished: ${m.items.inProgress ?? '?'})`,
    `Lead time:  p50 ${h(m.leadTimeHours.p50)}  p85 ${h(m.leadTimeHours.p85)}  p95 ${h(m.leadTimeHours.p95)}`,
    `Cycle time: p50 ${h(m.cycleTimeHours.p50)}  p85 ${h(m.cycleTimeHours.p85)}  p95 ${h(m.cycleTimeHours.p95)}`,
    `Flow efficiency (pooled): ${pctText(m.flowEfficiency)}   per item: p50 ${pctText(m.flowEfficiencyPerItem.p50)}  p85 ${pctText(m.flowEfficiencyPerItem.p85)}`,
    `Throughput: ${m.throughputPerWeek.toFixed(2)} items/week`,
    `WIP: ${m.wip.current} now, ${m.wip.average.toFixed(2)} on average over the window (time-weighted)`,
    ...(m.blockedHours ? [`Blocked: ${h(m.blockedHours)} (left out of active and wait time)`] : []),
    '',
    table([
      ['step', 'active Σ', 'active p50', 'active p85', 'wait Σ', 'wait p50', 'wait p85', 'blocked Σ', 'WIP', 'flow eff.'],
      ...m.steps.map((s) => [
        `${s.name} (${s.id})`,
        h(s.activeHours.total),
        h(s.activeHours.p50),
        h(s.activeHours.p85),
        h(s.waitHours.total),
        h(s.waitHours.p50),
        h(s.waitHours.p85),
        h(s.blockedHours?.total ?? 0),
        String(s.wip),
        pctText(s.flowEfficiency),
      ]),
    ]),
    '',
    m.bottleneck ? `Bottleneck: ${m.bottleneck.stepId}: ${m.bottleneck.reason}` : 'Bottleneck: none (no wait time in the window)',
    ...ladderLines(m.ladder),
  ];
  return `${out.join('\n')}\n`;
}

/** A convention's cycle and lead time, with its unit and the rules it applies. */
export function formatConvention(c: ConventionFigures): string {
  const v = (x: number) => (c.unit === 'hours' ? h(x) : `${x.toFixed(c.convention === 'jira-agile-metrics' ? 1 : 0)} d`);
  return [
    '',
    `Under the ${c.label} convention (${c.summary}; dates in ${c.timeZone}):`,
    `  Items done: ${c.done}, of which ${c.withCycleTime} with a cycle time`,
    `  Cycle time: p50 ${v(c.cycleTime.p50)}  p85 ${v(c.cycleTime.p85)}  p95 ${v(c.cycleTime.p95)}`,
    `  Lead time:  p50 ${v(c.leadTime.p50)}  p85 ${v(c.leadTime.p85)}  p95 ${v(c.leadTime.p95)}`,
    ...c.choices.map((x) => `  ${x.topic}: ${x.rule} [${x.reference}]`),
    '',
  ].join('\n');
}

const int = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new FlowmapError('invalid-input', `--${flag} ${v}: expected a whole number`);
  return n;
};

export function registerMetricsCommand(program: Command): void {
  const cmd = program.command('metrics').description('flow metrics of a map: lead and cycle time, flow efficiency, throughput, WIP, per step, bottleneck');
  addMetricsOptions(cmd, true)
    .option('--json', 'machine-readable output (hours as unrounded numbers)')
    .option('--series', 'chart series instead: daily CFD per step, WIP run, daily/weekly throughput, cycle-time scatter, aging WIP, histograms')
    .option('--forecast-items <n>', 'Monte Carlo: when will N more items be done')
    .option('--forecast-by <date>', 'Monte Carlo: how many items will be done by this date')
    .option('--seed <n>', 'Monte Carlo seed (default 1)')
    .option('--trials <n>', 'Monte Carlo trials (default 10000)')
    .option('--history-days <n>', 'Monte Carlo: days of daily throughput to sample before asOf (default 90)')
    .option('--convention <name>', "also the cycle and lead time under another tool's rules: flowmap, jirametrics, jira-agile-metrics, actionable-agile")
    .option('--start-step <id>', 'with --convention: the step the other tools count from (default: the first step)')
    .action(async (o: Flags) => {
      const core = await openCore(o);
      try {
        const q = await queryOf(core, o, { map: 'required' });
        const mapName = (await core.call('getMap', { mapId: q.mapId }))!.name;
        if (o.forecastItems !== undefined || o.forecastBy !== undefined) {
          const { from: _f, to: _t, ...rest } = q;
          const f = await core.call('forecast', {
            ...rest,
            items: int('forecast-items', o.forecastItems),
            by: parseDateFlag('forecast-by', o.forecastBy, o.tz),
            seed: int('seed', o.seed),
            trials: int('trials', o.trials),
            historyDays: int('history-days', o.historyDays),
          });
          if (o.json) printJson(f);
          else {
            const lines = [
              `Monte Carlo forecast for "${mapName}" as of ${f.asOf}`,
              f.basis,
              `History: ${f.history.items} items done over ${f.history.days} days`,
            ];
            if (f.when) {
              for (const p of ['p50', 'p85', 'p95'] as const) {
                const x = f.when[p];
                lines.push(
                  `  ${f.when.items} items done with ${p.slice(1)}% probability within: ${x ? `${x.days} days (${x.date.slice(0, 10)})` : 'never (no throughput in the history)'}`,
                );
              }
            }
            if (f.howMany)
              for (const p of ['p50', 'p85', 'p95'] as const)
                lines.push(`  by ${f.howMany.by.slice(0, 10)}, with ${p.slice(1)}% probability at least ${f.howMany[p]} items`);
            print(`${lines.join('\n')}\n`);
          }
          return;
        }
        if (o.series) {
          const s = await core.call('flowSeries', q as typeof q & { mapId: number });
          // The dashboard's distributions (histograms, lead vs cycle, flow efficiency) ride along as `charts`.
          const charts = await core.call('flowCharts', q as typeof q & { mapId: number });
          if (o.json) printJson({ ...s, charts }, true);
          else {
            const lines = [
              `Series of "${mapName}" as of ${s.asOf}, ${s.days.length} days from ${s.days[0] ?? '-'} (${s.durations.text})`,
              'Weekly throughput:',
            ];
            for (const wk of s.throughputWeekly)
              lines.push(`  ${wk.weekStart}  ${String(wk.count).padStart(5)}${wk.daysInWindow < 7 ? `  (${wk.daysInWindow} days in window)` : ''}`);
            lines.push(`Aging WIP: ${rowCount(s.aging.items)} unfinished items (cycle time p85 ${h(s.aging.cycleTimeHours.p85)})`);
            for (const st of s.aging.steps) lines.push(`  ${st.id}: ${st.count} items, oldest ${h(st.oldestHours)}, ${st.beyondP85} beyond p85`);
            const e = charts.flowEfficiency;
            const p = (x: number | null) => (x === null ? 'not enough data' : pctText(x));
            lines.push(`Flow efficiency of ${e.items} items: pooled ${p(e.pooled)}, mean per item ${p(e.meanPerItem)}, median per item ${p(e.medianPerItem)}`);
            print(`${lines.join('\n')}\n`);
          }
          return;
        }
        const m = await core.call('flowMetrics', q as typeof q & { mapId: number });
        if (o.convention !== undefined) {
          // The same window under another tool's rules, beside Flowmap's own figures.
          const c = await core.call('conventionFigures', {
            ...(q as typeof q & { mapId: number }),
            convention: conventionName('convention', o.convention),
            ...(o.startStep ? { startStepId: o.startStep } : {}),
          });
          if (o.json) printJson({ ...m, convention: c });
          else print(`${formatMetrics(m, mapName)}${formatConvention(c)}`);
          return;
        }
        if (o.json) printJson(m);
        else print(`${formatMetrics(m, mapName)}${m.convention ? formatConvention(m.convention) : ''}`);
      } finally {
        core.close();
      }
    });
}
