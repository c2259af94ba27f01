// The binding view: every status in the workspace (GitHub's event states too) with its items, Jira category,
// typical order, item-time held and binding, from the core's statusInventory. Drag a status onto a step's wait
// or active zone (or done, blocked, abandoned, ignored), or pick its binding in the row's select (keyboard);
// each change is saved and every figure measured again. "Suggest binding" shows the core's proposal to accept.
// Imported status names are React text only.
import { useEffect, useRef, type DragEvent } from 'react';
import type { StatusBinding, StatusInventoryEntry } from '../../../shared/metrics/status-inventory.ts';
import { useAppStore } from '../app/store.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { useWasteStore } from '../waste/waste-store.ts';
import { useBindingStore } from './binding-store.ts';
import { bindingKey, bindingLabel, parseBindingKey } from './rebind.ts';

const MIME = 'application/x-flowmap-status';
const SPECIAL = [
  { role: 'done', label: 'Done', hint: 'finished: the item is done' },
  {
    role: 'blocked',
    label: 'Blocked',
    hint: 'blocked time of the step the item was in',
  },
  {
    role: 'abandoned',
    label: 'Abandoned',
    hint: "work thrown away (Won't Do, Cancelled)",
  },
  {
    role: 'ignored',
    label: 'Ignored',
    hint: 'deliberately unmeasured (a backlog)',
  },
  { role: 'unbound', label: 'Unbound', hint: 'not yet decided' },
] as const;

export function BindingButton() {
  const open = useBindingStore((s) => s.open);
  return (
    <button type="button" className="toolbar-button" aria-pressed={open} onClick={() => useBindingStore.getState().setOpen(!open)} data-testid="binding-open">
      Bind statuses
    </button>
  );
}

const hoursText = (h: number) => `${formatNumber(h)} h`;

function onDragStart(e: DragEvent, status: string) {
  e.dataTransfer.setData(MIME, status);
  e.dataTransfer.setData('text/plain', status);
  e.dataTransfer.effectAllowed = 'move';
}

function Zone({
  target,
  label,
  statuses,
  hint,
  testId,
}: {
  target: StatusBinding;
  label: string;
  statuses: StatusInventoryEntry[];
  hint?: string;
  testId: string;
}) {
  const drop = (e: DragEvent) => {
    e.preventDefault();
    e.currentTarget.classList.remove('binding__zone--over');
    const status = e.dataTransfer.getData(MIME) || e.dataTransfer.getData('text/plain');
    if (status) void useBindingStore.getState().move(status, target);
  };
  return (
    <div
      className={`binding__zone binding__zone--${target.role}`}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        e.currentTarget.classList.add('binding__zone--over');
      }}
      onDragLeave={(e) => e.currentTarget.classList.remove('binding__zone--over')}
      onDrop={drop}
      title={hint}
    >
      <span className="binding__zone-label">{label}</span>
      {statuses.length === 0 && <span className="binding__zone-empty">drop a status here</span>}
      {statuses.map((s) => (
        <span
          key={s.status}
          className="binding__chip"
          draggable
          onDragStart={(e) => onDragStart(e, s.status)}
          data-status={s.status}
          title={`${formatNumber(s.items)} items · ${hoursText(s.hours)} held`}
        >
          {s.status}
        </span>
      ))}
    </div>
  );
}

function StatusRow({
  s,
  options,
  stepName,
  categories,
}: {
  s: StatusInventoryEntry;
  options: Array<{ key: string; label: string }>;
  stepName: (id: string) => string;
  categories: boolean;
}) {
  const saving = useBindingStore((x) => x.saving === s.status);
  const unbound = s.binding.role === 'unbound';
  // The waste analysis counts a "Won't Do" the map leaves unbound as abandoned by its name: say so here too.
  const suggestedAbandoned = useWasteStore(
    (x) => unbound && x.waste?.abandonedStatuses.suggested === true && x.waste.abandonedStatuses.statuses.includes(s.status),
  );
  return (
    <tr
      className={unbound ? 'binding__row binding__row--unbound' : 'binding__row'}
      draggable
      onDragStart={(e) => onDragStart(e, s.status)}
      data-status={s.status}
      data-role={s.binding.role}
      data-testid="binding-row"
    >
      <th scope="row">
        <span className="binding__grip" aria-hidden="true">
          ⠿
        </span>{' '}
        {s.status}
        {s.sources.map((src) => (
          <span key={src} className="binding__source">
            {src}
          </span>
        ))}
      </th>
      <td>{formatNumber(s.items)}</td>
      <td>{formatNumber(s.itemsNow)}</td>
      {categories && <td>{s.jiraCategory ?? '–'}</td>}
      <td title={`first entered ${formatDate(s.firstEntered)}`}>{s.order}</td>
      <td data-testid="binding-hours">
        {hoursText(s.hours)}
        {unbound && <span className="binding__unmeasured">unmeasured</span>}
        {suggestedAbandoned && (
          <span className="binding__hint" data-testid="binding-waste-abandoned" title="Bind it (abandoned) to make that the map's decision">
            the waste analysis takes it as abandoned by its name
          </span>
        )}
      </td>
      <td>
        <select
          aria-label={`Binding of ${s.status}`}
          value={bindingKey(s.binding)}
          disabled={saving}
          title={saving ? 'Saving…' : undefined}
          onChange={(e) => void useBindingStore.getState().move(s.status, parseBindingKey(e.target.value))}
          data-testid="binding-select"
        >
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
        <span className="sr-only">{bindingLabel(s.binding, stepName)}</span>
      </td>
    </tr>
  );
}

function Suggestion({ stepName }: { stepName: (id: string) => string }) {
  const suggestion = useBindingStore((s) => s.suggestion);
  const saving = useBindingStore((s) => s.saving === 'suggestion');
  if (!suggestion) return null;
  const { proposals, map, mode } = suggestion;
  const nameIn = (id: string) => map.steps.find((s) => s.id === id)?.name ?? stepName(id);
  return (
    <section className="binding__suggestion" data-testid="binding-suggestion" aria-label="Suggested binding">
      <h3>
        Suggested binding: {proposals.length === 0 ? 'nothing to change' : `${proposals.length} ${proposals.length === 1 ? 'change' : 'changes'}`}
        {mode === 'fresh' && (
          <span className="muted">
            {' '}
            · {map.steps.length} steps from the workflow: {map.steps.map((s) => s.name).join(' → ')}
          </span>
        )}
      </h3>
      <ul>
        {proposals.map((p) => (
          <li key={p.status} data-testid="binding-proposal" data-status={p.status}>
            <strong>{p.status}</strong>: {bindingLabel(p.from, stepName)} → <strong>{bindingLabel(p.to, nameIn)}</strong>{' '}
            <span className="muted">({p.reason})</span>
          </li>
        ))}
      </ul>
      <div className="binding__actions">
        <button
          type="button"
          className="toolbar-button toolbar-button--primary"
          disabled={saving || proposals.length === 0}
          onClick={() => void useBindingStore.getState().accept()}
          data-testid="binding-accept"
        >
          {saving ? 'Saving…' : 'Accept'}
        </button>
        <button type="button" className="toolbar-button" onClick={() => useBindingStore.getState().dismiss()}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

export function BindingView() {
  const open = useBindingStore((s) => s.open);
  const inventory = useBindingStore((s) => s.inventory);
  const error = useBindingStore((s) => s.error);
  const map = useAppStore((s) => s.map);
  const metrics = useAppStore((s) => s.metrics);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && useBindingStore.getState().setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open || !map) return null;
  const stepName = (id: string) => map.steps.find((s) => s.id === id)?.name ?? id;
  // Steps in flow order, as the figures list them.
  const order = new Map((metrics?.steps ?? []).map((s, i) => [s.id, i]));
  const steps = [...map.steps].sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const figures = new Map((metrics?.steps ?? []).map((s) => [s.id, s]));
  const options = [
    ...steps.flatMap((s) =>
      (['wait', 'active'] as const).map((role) => ({
        key: `${role}:${s.id}`,
        label: `${s.name} · ${role}`,
      })),
    ),
    ...SPECIAL.map((x) => ({ key: x.role, label: x.label.toLowerCase() })),
  ];
  const statuses = inventory?.statuses ?? [];
  const at = (b: (x: StatusInventoryEntry) => boolean) => statuses.filter(b);
  // The Jira category column only where some status has one (a Jira import).
  const categories = statuses.some((s) => s.jiraCategory !== null);

  return (
    <section
      className="compare binding"
      data-testid="binding"
      data-state={inventory ? 'ready' : 'loading'}
      role="dialog"
      aria-modal="true"
      aria-label="Bind statuses to steps"
    >
      <header className="compare__head">
        <h2>Bind statuses to steps</h2>
        <div className="compare__actions">
          <button
            type="button"
            className="toolbar-button toolbar-button--primary"
            onClick={() => void useBindingStore.getState().suggest('complete')}
            data-testid="binding-suggest"
          >
            Suggest binding
          </button>
          <button
            type="button"
            className="toolbar-button"
            onClick={() => void useBindingStore.getState().suggest('fresh')}
            data-testid="binding-suggest-fresh"
            title="Propose every step anew from the workflow"
          >
            Propose steps from the workflow
          </button>
        </div>
        <button
          type="button"
          ref={closeRef}
          className="charts__close"
          onClick={() => useBindingStore.getState().setOpen(false)}
          aria-label="Close"
          data-testid="binding-close"
        >
          ×
        </button>
      </header>
      {inventory && (
        <p className="compare__basis" data-testid="binding-basis">
          {statuses.length} statuses as of {formatDate(inventory.asOf)}, in their typical order of first occurrence, holding {hoursText(inventory.totalHours)}{' '}
          of item-time.{' '}
          {inventory.unbound === 0 ? (
            <strong>Every status is bound or deliberately ignored.</strong>
          ) : (
            <strong className="binding__warn" data-testid="binding-unmeasured">
              {inventory.unbound} unbound {inventory.unbound === 1 ? 'status leaves' : 'statuses leave'} {hoursText(inventory.unboundHours)} of item-time
              unmeasured.
            </strong>
          )}{' '}
          Drag a status onto a step, or choose its binding in the list.
        </p>
      )}
      {error && (
        <p className="compare__basis charts__state--error" role="alert" data-testid="binding-error">
          {error}
        </p>
      )}
      <Suggestion stepName={stepName} />
      <div className="binding__body">
        <div className="binding__list">
          <table className="binding__table" aria-label="Statuses">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Items</th>
                <th scope="col">Now</th>
                {categories && <th scope="col">Jira category</th>}
                <th scope="col" title="Typical order of first occurrence">
                  Order
                </th>
                <th scope="col">Item-time</th>
                <th scope="col">Binding</th>
              </tr>
            </thead>
            <tbody>
              {statuses.map((s) => (
                <StatusRow key={s.status} s={s} options={options} stepName={stepName} categories={categories} />
              ))}
            </tbody>
          </table>
        </div>
        <div className="binding__targets">
          {steps.map((step) => {
            const f = figures.get(step.id);
            return (
              <div key={step.id} className="binding__step" data-testid="binding-step" data-step-id={step.id}>
                <div className="binding__step-head">
                  <strong>{step.name}</strong>
                  <span className="muted" data-testid="binding-step-figures">
                    {f
                      ? `wait p50 ${formatHours(f.waitHours.p50)} · active p50 ${formatHours(f.activeHours.p50)} · flow efficiency ${formatPercent(f.flowEfficiency)}`
                      : 'no figures'}
                  </span>
                </div>
                <div className="binding__zones">
                  <Zone
                    target={{ role: 'wait', stepId: step.id }}
                    label="wait"
                    statuses={at((x) => x.binding.role === 'wait' && x.binding.stepId === step.id)}
                    testId={`zone-wait-${step.id}`}
                  />
                  <Zone
                    target={{ role: 'active', stepId: step.id }}
                    label="active"
                    statuses={at((x) => x.binding.role === 'active' && x.binding.stepId === step.id)}
                    testId={`zone-active-${step.id}`}
                  />
                </div>
              </div>
            );
          })}
          <div className="binding__specials">
            {SPECIAL.map((x) => (
              <Zone
                key={x.role}
                target={{ role: x.role }}
                label={x.label}
                hint={x.hint}
                statuses={at((s) => s.binding.role === x.role)}
                testId={`zone-${x.role}`}
              />
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
