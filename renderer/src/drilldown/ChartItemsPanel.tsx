// The items behind a chart's bar, bin, day or point, beside the charts. Titles and keys are imported text,
// rendered as React text only; each key links to the item's page.
import { useEffect, useRef } from 'react';
import type { LinkedChartItem } from '../../../shared/contract/contract.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { ItemKeyLink } from '../links/ExternalLink.tsx';
import { useChartDrillStore } from './chart-drill-store.ts';
import { DrillStatus } from './DrillStatus.tsx';

function valueCell(i: LinkedChartItem, kind: string): string {
  if (kind === 'step-wait') return formatHours(i.value);
  if (kind === 'efficiency-bin') return formatPercent(i.value);
  if (i.ageHours !== null) return `${formatHours(i.ageHours)} old`;
  return formatHours(i.cycleTimeHours);
}

export function ChartItemsPanel() {
  const drill = useChartDrillStore((s) => s.drill);
  const close = useChartDrillStore((s) => s.close);
  const closeRef = useRef<HTMLButtonElement>(null);
  const open = drill.kind !== 'closed';
  // A new drill-down (another title) takes the focus again, as the first one did.
  const title = drill.kind === 'closed' ? null : drill.title;
  useEffect(() => {
    // Without scrolling: the panel is sticky beside the charts, so the chart clicked stays where it was.
    if (open) closeRef.current?.focus({ preventScroll: true });
  }, [open, title]);
  if (drill.kind === 'closed') return null;
  const kind = drill.select.kind;
  const valueHead =
    kind === 'step-wait' ? 'Wait here' : kind === 'efficiency-bin' ? 'Flow eff.' : kind === 'aging' || kind === 'wip' ? 'Age / cycle' : 'Cycle time';
  return (
    <aside className="drill chart-drill" aria-label="Items behind the chart" data-testid="chart-items" data-state={drill.kind}>
      <div className="drill__head">
        <h2 data-testid="chart-items-title">{drill.title}</h2>
        <div className="drill__actions">
          <button type="button" className="button" ref={closeRef} onClick={close} aria-label="Close the item list" data-testid="chart-items-close">
            ×
          </button>
        </div>
      </div>
      <DrillStatus drill={drill} />
      {drill.kind === 'ready' && (
        <div className="drill__body">
          <h3>
            <span data-testid="chart-items-count">{formatNumber(drill.data.count)}</span> items{' '}
            <span className="muted">
              · {drill.data.order}
              {drill.data.count > drill.data.items.length ? ` · first ${formatNumber(drill.data.items.length)} shown` : ''}
            </span>
          </h3>
          {drill.data.items.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table className="drill__table" data-testid="chart-items-table">
              <thead>
                <tr>
                  <th>Item</th>
                  <th className="num">{valueHead}</th>
                  <th className="num">Lead time</th>
                  <th className="num">Done</th>
                </tr>
              </thead>
              <tbody>
                {drill.data.items.map((i) => (
                  <tr key={i.key} data-item-key={i.key}>
                    <td>
                      <div className="drill__key">
                        <ItemKeyLink item={i} />
                        {i.type && <span className="drill__type">{i.type}</span>}
                      </div>
                      <div className="drill__title">{i.title ?? '—'}</div>
                    </td>
                    <td className="num">{valueCell(i, kind)}</td>
                    <td className="num">{formatHours(i.leadTimeHours)}</td>
                    <td className="num">{i.done ? formatDate(i.done) : (i.status ?? '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </aside>
  );
}
