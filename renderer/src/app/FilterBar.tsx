// Filters for every figure on screen: item types, a label, the window of completion dates, the day the figures
// are as of (the core suggests one when the data ended over a week ago) and the forecast's history. The core
// recomputes the figures on each change (well under 100 ms for 5,000 items, see BENCHMARKS.md).
import { useEffect, useState } from 'react';
import { getClient } from '../common/client.ts';
import { formatNumber } from '../common/format.ts';
import { useAppStore, type ItemFilters } from './store.ts';
import { CONVENTION_NAMES, type ConventionName } from '../../../shared/metrics/convention-names.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';

type Facets = { types: { value: string; items: number }[]; labels: { value: string; items: number }[] };

export function FilterBar() {
  const filters = useAppStore((s) => s.filters);
  const error = useAppStore((s) => s.filterError);
  const setFilters = useAppStore((s) => s.setFilters);
  const defaults = useAppStore((s) => s.defaultFilters);
  const asOfReason = useAppStore((s) => s.asOfReason);
  const [facets, setFacets] = useState<Facets>({ types: [], labels: [] });
  const mapConvention = useAppStore((s) => s.map?.convention) ?? 'flowmap';
  const shown = filters.convention || mapConvention;

  // Facets change with imports (which read the data again), not with the filters.
  const dataGeneration = useAppStore((s) => s.dataGeneration);
  useEffect(() => {
    let live = true;
    getClient()
      .itemFacets({})
      .then((f) => live && setFacets(f))
      .catch(() => live && setFacets({ types: [], labels: [] }));
    return () => {
      live = false;
    };
  }, [dataGeneration]);

  const change = (patch: Partial<ItemFilters>) => void setFilters({ ...filters, ...patch });
  const toggleType = (t: string) => change({ types: filters.types.includes(t) ? filters.types.filter((x) => x !== t) : [...filters.types, t] });
  const active = (Object.keys(defaults) as (keyof ItemFilters)[]).some((k) => String(filters[k]) !== String(defaults[k]));

  return (
    <div className="filter-bar" data-testid="filter-bar" data-active={active}>
      <span className="filter-bar__label">Filter</span>
      <div className="filter-bar__types" role="group" aria-label="Item types">
        {facets.types.map((t) => (
          <label key={t.value} className={`filter-chip${filters.types.includes(t.value) ? ' filter-chip--on' : ''}`}>
            <input type="checkbox" checked={filters.types.includes(t.value)} onChange={() => toggleType(t.value)} />
            {t.value} <span className="muted">{formatNumber(t.items)}</span>
          </label>
        ))}
      </div>
      {facets.labels.length > 0 && (
        <select value={filters.label} onChange={(e) => change({ label: e.target.value })} aria-label="Label" data-testid="filter-label">
          <option value="">All labels</option>
          {facets.labels.map((l) => (
            <option key={l.value} value={l.value}>
              {l.value} ({formatNumber(l.items)})
            </option>
          ))}
        </select>
      )}
      <label className="filter-bar__date">
        done from
        <input type="date" value={filters.from} onChange={(e) => change({ from: e.target.value })} data-testid="filter-from" />
      </label>
      <label className="filter-bar__date">
        to
        <input type="date" value={filters.to} onChange={(e) => change({ to: e.target.value })} data-testid="filter-to" />
      </label>
      <label
        className="filter-bar__date"
        title={
          asOfReason && filters.asOf === defaults.asOf ? `Suggested: ${asOfReason}` : 'The figures describe the workspace at the end of this day (empty: now)'
        }
      >
        as of end of
        <input type="date" value={filters.asOf} onChange={(e) => change({ asOf: e.target.value })} data-testid="filter-as-of" />
      </label>
      <label className="filter-bar__date" title="Days of daily throughput the forecast samples before as-of (a done window, when set, is used instead)">
        forecast history
        <input
          type="number"
          min={1}
          max={3650}
          step={1}
          placeholder="90"
          value={filters.historyDays}
          onChange={(e) => change({ historyDays: e.target.value })}
          style={{ width: '5em' }}
          data-testid="filter-history-days"
        />
        days
      </label>
      <label className="filter-bar__date" title={`Every figure follows this convention: ${CONVENTIONS[shown].summary}`}>
        convention
        <select
          value={filters.convention ?? ''}
          onChange={(e) => change({ convention: e.target.value as ConventionName | '' })}
          aria-label="Convention"
          data-testid="filter-convention"
        >
          <option value="">map&apos;s ({CONVENTIONS[mapConvention].label})</option>
          {CONVENTION_NAMES.map((c) => (
            <option key={c} value={c} title={CONVENTIONS[c].summary}>
              {CONVENTIONS[c].label}
            </option>
          ))}
        </select>
      </label>
      {/* Always there (disabled with nothing to clear): a button appearing on the first filter could wrap the
          bar onto a second line and move every chart under the pointer (and repaint the whole view). */}
      <button
        type="button"
        className="button"
        disabled={!active}
        title={active ? 'Back to the default filters' : 'No filter to clear'}
        onClick={() => void setFilters(defaults)}
        data-testid="filter-clear"
      >
        Clear
      </button>
      {error && (
        <span className="save-status save-status--error" role="alert" data-testid="filter-error">
          {error}
        </span>
      )}
    </div>
  );
}
