// DORA beside flow: deployment frequency, lead time for changes, change failure rate and time to restore
// from the workspace's git, GitHub and release data (the core's doraTrend), each with its trend by month
// and the basis it was computed from. A figure that cannot be computed says "not enough data", never 0.
// DORA follows the date window of the filters; item type and label do not apply to releases and commits.
import { max, scaleBand, scaleLinear } from 'd3';
import { memo, useEffect, useState } from 'react';
import type { DoraTrend } from '../../../shared/contract/contract.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { downloadCsv } from './export.ts';
import { ACCENT, INK_2 } from './palette.ts';

type Month = DoraTrend['months'][number];
const NED = 'not enough data';

function Trend({ months, value, fmt, testId }: { months: Month[]; value: (m: Month) => number | null; fmt: (x: number) => string; testId: string }) {
  const W = 300;
  const H = 64;
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([0, W])
    .paddingInner(0.15);
  const top = max(months, (m) => value(m) ?? 0) ?? 0;
  const y = scaleLinear()
    .domain([0, Math.max(top, 1e-9)])
    .range([H - 14, 2]);
  return (
    <svg
      width="100%"
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      className="dora__trend"
      role="img"
      aria-label="Trend by month"
      data-testid={testId}
    >
      {months.map((m) => {
        const v = value(m);
        return (
          <g key={m.month} data-month={m.month} data-value={v ?? ''}>
            <title>{`${m.month}: ${v === null ? NED : fmt(v)} (${m.releases} releases)`}</title>
            {v === null ? (
              <text x={x(m.month)! + x.bandwidth() / 2} y={H - 18} textAnchor="middle" fontSize={10} fill={INK_2}>
                –
              </text>
            ) : (
              <rect x={x(m.month)} y={y(v)} width={x.bandwidth()} height={Math.max(0.5, H - 14 - y(v))} fill={ACCENT} />
            )}
          </g>
        );
      })}
      {months.length > 0 && (
        <>
          <text x={0} y={H - 2} fontSize={10} fill={INK_2}>
            {months[0]!.month}
          </text>
          <text x={W} y={H - 2} fontSize={10} fill={INK_2} textAnchor="end">
            {months[months.length - 1]!.month}
          </text>
        </>
      )}
    </svg>
  );
}

function Tile({ id, title, figure, detail, children }: { id: string; title: string; figure: string; detail: string; children: React.ReactNode }) {
  return (
    <div className="dora__tile" data-testid={`dora-${id}`}>
      <div className="dora__name">{title}</div>
      <div className={`dora__figure${figure === NED ? ' dora__figure--none' : ''}`} data-testid={`dora-${id}-value`}>
        {figure}
      </div>
      <div className="dora__detail muted">{detail}</div>
      {children}
    </div>
  );
}

/** DORA follows the date window and the workspace's data (imports), not the item type or label filters. */
export const DoraPanel = memo(function DoraPanel() {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; trend: DoraTrend } | { kind: 'error'; message: string }>({ kind: 'loading' });
  const from = useAppStore((s) => filterQuery(s.filters).from);
  const to = useAppStore((s) => filterQuery(s.filters).to);
  const dataGeneration = useAppStore((s) => s.dataGeneration);
  useEffect(() => {
    let live = true;
    getClient()
      .doraTrend({ ...(from ? { from } : {}), ...(to ? { to } : {}) })
      .then((trend) => live && setState({ kind: 'ready', trend }))
      .catch((e: unknown) => live && setState({ kind: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [from, to, dataGeneration]);
  if (state.kind !== 'ready') {
    return (
      <section className="chart dora" data-testid="chart-dora" data-state={state.kind}>
        <h3 className="chart__title">Delivery (DORA)</h3>
        <p className="muted">{state.kind === 'error' ? state.message : 'Reading releases and commits…'}</p>
      </section>
    );
  }
  const { whole: d, months } = state.trend;
  const none = d.releases === 0;
  const hrs = (x: number | null) => (x === null ? NED : formatHours(x));
  return (
    <section className="chart dora" data-testid="chart-dora" data-state="ready" aria-label="DORA metrics">
      <div className="chart__head">
        <h3 className="chart__title">Delivery (DORA)</h3>
        <div className="chart__subtitle">
          {none
            ? 'No releases imported: import a git repository (release tags) or GitHub releases and deployments'
            : `${formatNumber(d.releases)} releases ${d.from ? `${d.from.slice(0, 10)} – ${d.to!.slice(0, 10)}` : ''} · follows the date window (item type and label do not apply to releases)`}
        </div>
        <div className="chart__tools">
          <span className="chart__exports">
            <button
              type="button"
              className="chart__export"
              data-testid="export-csv"
              onClick={() =>
                downloadCsv(
                  months.map((m) => ({
                    month: m.month,
                    releases: m.releases,
                    deployments_per_week: m.deploymentsPerWeek,
                    lead_time_p50_hours: m.leadTimeForChangesHoursP50 ?? '',
                    change_failure_rate: m.changeFailureRate ?? '',
                    failed_releases: m.failedReleases,
                    time_to_restore_p50_hours: m.timeToRestoreHoursP50 ?? '',
                  })),
                  'dora-by-month',
                )
              }
            >
              CSV
            </button>
          </span>
        </div>
      </div>
      <div className="dora__tiles">
        <Tile
          id="frequency"
          title="Deployment frequency"
          figure={none ? NED : `${formatNumber(d.deploymentsPerWeek, 2)} a week`}
          detail={none ? 'no releases in the window' : `${formatNumber(d.releases)} releases`}
        >
          <Trend months={months} value={(m) => m.deploymentsPerWeek} fmt={(x) => `${formatNumber(x, 2)} a week`} testId="dora-frequency-trend" />
        </Tile>
        <Tile
          id="lead"
          title="Lead time for changes"
          figure={hrs(d.leadTimeForChangesHours.p50)}
          detail={
            d.changes === 0
              ? 'no released commits (needs a git import with release tags)'
              : `p50 of ${formatNumber(d.changes)} released commits · p85 ${hrs(d.leadTimeForChangesHours.p85)}`
          }
        >
          <Trend months={months} value={(m) => m.leadTimeForChangesHoursP50} fmt={formatHours} testId="dora-lead-trend" />
        </Tile>
        <Tile
          id="failure"
          title="Change failure rate"
          figure={d.changeFailureRate === null ? NED : formatPercent(d.changeFailureRate)}
          detail={
            d.changeFailureRate === null ? 'no releases in the window' : `${formatNumber(d.failedReleases)} of ${formatNumber(d.releases)} releases failed`
          }
        >
          <Trend months={months} value={(m) => m.changeFailureRate} fmt={(x) => formatPercent(x)} testId="dora-failure-trend" />
        </Tile>
        <Tile
          id="restore"
          title="Time to restore"
          figure={hrs(d.timeToRestoreHours.p50)}
          detail={d.timeToRestoreHours.p50 === null ? 'no failed release with a known fix' : `p50 · p85 ${hrs(d.timeToRestoreHours.p85)}`}
        >
          <Trend months={months} value={(m) => m.timeToRestoreHoursP50} fmt={formatHours} testId="dora-restore-trend" />
        </Tile>
      </div>
      <ul className="dora__basis" data-testid="dora-basis">
        {d.basis.length === 0 ? <li className="muted">No release data yet.</li> : d.basis.map((b) => <li key={b}>{b}</li>)}
      </ul>
    </section>
  );
});
