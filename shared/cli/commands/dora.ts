// `vsm dora --workspace WS [--from ISO --to ISO] [--repo NAME] [--json]`: DORA figures from imported
// releases and commits (see shared/metrics/dora.ts for the definitions).
import type { Command } from 'commander';
import { DATE_FLAG_HELP, parseDateFlag } from '../date-flag.ts';
import { openCore } from '../open-core.ts';
import { print, printJson } from '../terminal-output.ts';

export function registerDoraCommand(program: Command): void {
  program
    .command('dora')
    .description('deployment frequency, lead time for changes, change failure rate and time to restore')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .option('--from <date>', `window start (release time, inclusive): ${DATE_FLAG_HELP}`)
    .option('--to <date>', 'window end (exclusive)')
    .option('--tz <zone>', 'time zone of date-only and offset-less values (IANA, default UTC)')
    .option('--repo <name>', 'one repository only')
    .option('--json', 'print JSON')
    .option('--trend', 'also each figure per UTC month (JSON: { whole, months })')
    .action(async (opts: { workspace: string; from?: string; to?: string; tz?: string; repo?: string; json?: boolean; trend?: boolean }) => {
      const from = parseDateFlag('from', opts.from, opts.tz);
      const to = parseDateFlag('to', opts.to, opts.tz);
      const core = await openCore({ workspace: opts.workspace });
      try {
        if (opts.trend) {
          const t = await core.call('doraTrend', { from, to, repo: opts.repo });
          if (opts.json) return void printJson(t);
          const n = (x: number | null, unit: string) => (x === null ? 'not enough data' : `${x.toFixed(1)}${unit}`);
          for (const m of t.months) {
            print(
              `${m.month}  ${m.releases} releases (${m.deploymentsPerWeek.toFixed(2)}/week)  lead time p50 ${n(m.leadTimeForChangesHoursP50, ' h')}  failure rate ${n(m.changeFailureRate === null ? null : m.changeFailureRate * 100, ' %')}  restore p50 ${n(m.timeToRestoreHoursP50, ' h')}\n`,
            );
          }
          return;
        }
        const d = await core.call('doraMetrics', { from, to, repo: opts.repo });
        if (opts.json) return void printJson(d);
        const h = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} h`);
        print(
          [
            `window              ${d.from ?? '–'} .. ${d.to ?? '–'}`,
            `releases            ${d.releases} (${d.deploymentsPerWeek.toFixed(2)} per week)`,
            `changes             ${d.changes}`,
            `lead time p50/p85   ${h(d.leadTimeForChangesHours.p50)} / ${h(d.leadTimeForChangesHours.p85)}`,
            `change failure rate ${d.changeFailureRate === null ? '–' : `${(d.changeFailureRate * 100).toFixed(1)} %`} (${d.failedReleases} failed)`,
            `time to restore     ${h(d.timeToRestoreHours.p50)} / ${h(d.timeToRestoreHours.p85)}`,
            ...d.basis.map((b) => `  · ${b}`),
          ].join('\n') + '\n',
        );
      } finally {
        core.close();
      }
    });
}
