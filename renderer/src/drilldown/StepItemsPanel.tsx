// The drill-down beside the map: the completed items that waited longest in the chosen step, and the items
// in it now. Titles are imported text and are rendered as React text only; each key links to the item's page.
import type { LinkedStepItem } from '../../../shared/contract/contract.ts';
import { formatHours, formatNumber } from '../common/format.ts';
import { useEditorStore } from '../editor/editor-store.ts';
import { ItemKeyLink } from '../links/ExternalLink.tsx';
import { useDrillStore } from './drilldown-store.ts';
import { DrillStatus } from './DrillStatus.tsx';

function ItemTable({ items, testId, now }: { items: LinkedStepItem[]; testId: string; now: boolean }) {
  if (items.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="drill__table" data-testid={testId}>
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Wait</th>
          <th className="num">Active</th>
          <th className="num">{now ? 'Status' : 'Lead time'}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.key} data-item-key={i.key}>
            <td>
              <div className="drill__key">
                <ItemKeyLink item={i} />
                {i.type && <span className="drill__type">{i.type}</span>}
              </div>
              <div className="drill__title">{i.title ?? '—'}</div>
            </td>
            <td className="num drill__wait">{formatHours(i.waitHours)}</td>
            <td className="num">{formatHours(i.activeHours)}</td>
            <td className="num">{now ? (i.status ?? '—') : formatHours(i.leadTimeHours)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StepItemsPanel() {
  const drill = useDrillStore((s) => s.drill);
  const close = useDrillStore((s) => s.close);
  if (drill.kind === 'closed') return null;
  return (
    <aside className="drill" aria-label="Items behind this step" data-testid="step-items" data-state={drill.kind} data-step-id={drill.stepId}>
      <div className="drill__head">
        <h2>{drill.kind === 'ready' ? drill.data.stepName : 'Items'}</h2>
        <div className="drill__actions">
          <button type="button" className="button" onClick={() => useEditorStore.getState().open(drill.stepId)} data-testid="step-edit">
            Edit step
          </button>
          <button type="button" className="button" onClick={close} aria-label="Close" data-testid="step-items-close">
            ×
          </button>
        </div>
      </div>
      <DrillStatus drill={drill} />
      {drill.kind === 'ready' && (
        <div className="drill__body">
          <h3>
            Waited longest here{' '}
            <span className="muted">
              · {formatNumber(drill.data.completed.count)} completed items, {formatHours(drill.data.completed.waitHours)} of wait in all
            </span>
          </h3>
          <ItemTable items={drill.data.completed.items} testId="step-items-completed" now={false} />
          <h3>
            Here now <span className="muted">· {formatNumber(drill.data.current.count)} items (WIP)</span>
          </h3>
          <ItemTable items={drill.data.current.items} testId="step-items-current" now />
        </div>
      )}
    </aside>
  );
}
