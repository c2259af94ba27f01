// The step form beside the map: name, owner, people, kind, the statuses it binds (wait and active), the
// workshop estimate and where work goes next. Saving rewrites the map through the core, which re-measures.
import { useMemo, type FormEvent } from 'react';
import { useAppStore } from '../app/store.ts';
import { useEditorStore } from './editor-store.ts';
import { StatusList } from './StatusList.tsx';
import { parsePercent } from './step-draft.ts';
import { WASTE_TYPES } from '../../../shared/domain/map.ts';

/** What the %C&A field will be saved as ("= 90 %", "= 90 % (0.9 read as a fraction)"), or why it cannot be. */
function pcaReading(raw: string): string {
  try {
    const p = parsePercent(raw);
    return p === undefined ? '90 %, 90 or 0.9' : `= ${p.reading}`;
  } catch (e) {
    return (e as Error).message;
  }
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="editor__field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function StepEditor() {
  const editing = useEditorStore((s) => s.editing);
  const statuses = useEditorStore((s) => s.statuses);
  const saving = useEditorStore((s) => s.saving);
  const error = useEditorStore((s) => s.error);
  const { update, save, remove, close } = useEditorStore.getState();
  const map = useAppStore((s) => s.map);

  const stepId = editing?.stepId ?? null;
  const boundElsewhere = useMemo(
    () => new Set((map?.steps ?? []).filter((s) => s.id !== stepId).flatMap((s) => [...s.activeStatuses, ...s.waitStatuses])),
    [map, stepId],
  );
  if (!editing || !map) return null;
  const d = editing.draft;
  const others = map.steps.filter((s) => s.id !== stepId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  return (
    <aside className="drill editor" aria-label="Edit step" data-testid="step-editor">
      <form onSubmit={submit} className="editor__form">
        <div className="drill__head">
          <h2>{stepId === null ? 'New step' : 'Edit step'}</h2>
          <button type="button" className="button" onClick={close} aria-label="Close" data-testid="step-editor-close">
            ×
          </button>
        </div>
        <div className="drill__body editor__body">
          <Field label="Name">
            <input value={d.name} onChange={(e) => update({ name: e.target.value })} data-testid="edit-name" required maxLength={200} />
          </Field>
          <div className="editor__row">
            <Field label="Owner">
              <input value={d.owner} onChange={(e) => update({ owner: e.target.value })} data-testid="edit-owner" />
            </Field>
            <Field label="People">
              <input value={d.people} onChange={(e) => update({ people: e.target.value })} inputMode="numeric" data-testid="edit-people" />
            </Field>
            <Field label="Kind">
              <select value={d.kind} onChange={(e) => update({ kind: e.target.value as typeof d.kind })} data-testid="edit-kind">
                <option value="process">Process</option>
                <option value="approval">Approval gate</option>
                <option value="manual">Manual</option>
                <option value="handoff">Handoff</option>
                <option value="automated">Automated</option>
              </select>
            </Field>
          </div>
          <StatusList
            label="Wait statuses (queue before the work)"
            value={d.waitStatuses}
            onChange={(v) => update({ waitStatuses: v })}
            suggestions={statuses}
            boundElsewhere={boundElsewhere}
            testId="edit-wait"
          />
          <StatusList
            label="Active statuses (being worked on)"
            value={d.activeStatuses}
            onChange={(v) => update({ activeStatuses: v })}
            suggestions={statuses}
            boundElsewhere={boundElsewhere}
            testId="edit-active"
          />
          <div className="editor__row">
            <Field label="Process time (h)">
              <input value={d.processTimeHours} onChange={(e) => update({ processTimeHours: e.target.value })} inputMode="decimal" data-testid="edit-pt" />
            </Field>
            <Field label="Lead time (h)">
              <input value={d.leadTimeHours} onChange={(e) => update({ leadTimeHours: e.target.value })} inputMode="decimal" data-testid="edit-lt" />
            </Field>
            <Field label="%C&A">
              <input
                value={d.percentCompleteAccurate}
                onChange={(e) => update({ percentCompleteAccurate: e.target.value })}
                inputMode="decimal"
                data-testid="edit-pca"
              />
              <span className="muted" data-testid="edit-pca-reading">
                {pcaReading(d.percentCompleteAccurate)}
              </span>
            </Field>
          </div>
          <Field label="Notes">
            <textarea value={d.notes} onChange={(e) => update({ notes: e.target.value })} rows={2} data-testid="edit-notes" />
          </Field>
          <fieldset className="editor__flows" data-testid="edit-kaizen">
            <legend>Kaizen bursts</legend>
            {d.kaizen.map((k, i) => {
              const set = (patch: Partial<typeof k>) => update({ kaizen: d.kaizen.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div className="editor__row editor__kaizen" key={i}>
                  <Field label="Idea">
                    <input value={k.text} onChange={(e) => set({ text: e.target.value })} data-testid="kaizen-text" />
                  </Field>
                  <Field label="Owner">
                    <input value={k.owner} onChange={(e) => set({ owner: e.target.value })} data-testid="kaizen-owner" />
                  </Field>
                  <Field label="Waste">
                    <select value={k.waste} onChange={(e) => set({ waste: e.target.value })} data-testid="kaizen-waste">
                      <option value="">—</option>
                      {WASTE_TYPES.map((w) => (
                        <option key={w} value={w}>
                          {w}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="Votes">
                    <input value={k.votes} onChange={(e) => set({ votes: e.target.value })} inputMode="numeric" size={3} data-testid="kaizen-votes" />
                  </Field>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Remove kaizen ${i + 1}`}
                    onClick={() => update({ kaizen: d.kaizen.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button"
              onClick={() => update({ kaizen: [...d.kaizen, { text: '', owner: '', waste: '', votes: '', rest: {} }] })}
              data-testid="kaizen-add"
            >
              + Kaizen burst
            </button>
          </fieldset>
          {others.length > 0 && (
            <fieldset className="editor__flows">
              <legend>Work goes next to</legend>
              {others.map((s) => (
                <label key={s.id} className="import-source">
                  <input
                    type="checkbox"
                    checked={d.flowsTo.includes(s.id)}
                    onChange={(e) => update({ flowsTo: e.target.checked ? [...d.flowsTo, s.id] : d.flowsTo.filter((x) => x !== s.id) })}
                  />
                  {s.name}
                </label>
              ))}
            </fieldset>
          )}
          {error && (
            <p className="import-outcome import-outcome--error" role="alert" data-testid="step-editor-error">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            {stepId !== null && (
              <button type="button" className="button button--danger editor__delete" onClick={() => void remove()} disabled={saving} data-testid="step-delete">
                Delete step
              </button>
            )}
            <button type="button" className="button" onClick={close} disabled={saving}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={saving || d.name.trim() === ''} data-testid="step-save">
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
      </form>
    </aside>
  );
}
