// Map-level settings: name, owner, the statuses that mean done, blocked and abandoned, the resolutions that make
// a done item abandoned work, and the team's working calendar (time zone, working days, holidays, hours per
// day). Applied as one undoable edit, checked by the map's rules first (a status both done and bound is refused
// with its place). Also the map's convention (issue 14) and its committed step, the start the other tools count
// cycle time from.
import { useState, type FormEvent } from 'react';
import { CONVENTION_NAMES, type ConventionName } from '../../../shared/metrics/convention-names.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';
import { currentMapDoc, useAppStore } from '../app/store.ts';
import { useCanvasUi } from './canvas-actions.ts';
import type { EditableDoc } from './step-draft.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const list = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  ),
];

export function MapSettings() {
  const open = useCanvasUi((s) => s.panel === 'settings');
  const map = useAppStore((s) => s.map);
  if (!open || !map) return null;
  return <SettingsForm key={`${map.id}-${map.revision}`} />;
}

function SettingsForm() {
  const doc = currentMapDoc()!;
  const cal = doc.calendar;
  const [f, setF] = useState({
    name: doc.name,
    owner: doc.owner ?? '',
    done: doc.doneStatuses.join(', '),
    blocked: (doc.blockedStatuses ?? []).join(', '),
    abandoned: (doc.abandonedStatuses ?? []).join(', '),
    abandonedResolutions: (doc.abandonedResolutions ?? []).join(', '),
    useCalendar: cal !== undefined,
    timeZone: cal?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    workingDays: cal?.workingDays ?? [1, 2, 3, 4, 5],
    holidays: (cal?.holidays ?? []).join(', '),
    hoursPerDay: cal?.hoursPerDay === undefined ? '' : String(cal.hoursPerDay),
    convention: (doc.convention ?? '') as ConventionName | '',
    startStepId: doc.startStepId ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const up = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const close = () => useCanvasUi.getState().setPanel('none');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = currentMapDoc();
    if (!base) return;
    const hours = f.hoursPerDay.trim() === '' ? undefined : Number(f.hoursPerDay.replace(',', '.'));
    if (hours !== undefined && !(hours > 0 && hours <= 24)) return setError(`Hours per day: "${f.hoursPerDay}" is not a number of hours above 0 and up to 24`);
    const next: EditableDoc = { ...base, name: f.name.trim(), doneStatuses: list(f.done) };
    const optional = <K extends keyof EditableDoc>(k: K, v: EditableDoc[K] | undefined) => {
      if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') delete next[k];
      else next[k] = v;
    };
    optional('owner', f.owner.trim());
    optional('blockedStatuses', list(f.blocked));
    optional('abandonedStatuses', list(f.abandoned));
    optional('abandonedResolutions', list(f.abandonedResolutions));
    optional('convention', f.convention === '' ? undefined : f.convention);
    optional('startStepId', f.startStepId === '' ? undefined : f.startStepId);
    optional(
      'calendar',
      f.useCalendar
        ? {
            timeZone: f.timeZone.trim() || 'UTC',
            workingDays: [...f.workingDays].sort(),
            holidays: list(f.holidays),
            ...(hours !== undefined ? { hoursPerDay: hours } : {}),
          }
        : undefined,
    );
    const refused = useAppStore.getState().edit(next);
    if (refused) setError(refused);
    else close();
  };

  return (
    <aside className="drill editor" aria-label="Map settings" data-testid="map-settings">
      <form className="editor__form" onSubmit={submit}>
        <div className="drill__head">
          <h2>Map settings</h2>
          <button type="button" className="button" onClick={close} aria-label="Close">
            ×
          </button>
        </div>
        <div className="drill__body editor__body">
          <label className="editor__field">
            <span>Name</span>
            <input value={f.name} onChange={(e) => up({ name: e.target.value })} required maxLength={200} data-testid="settings-name" />
          </label>
          <label className="editor__field">
            <span>Owner</span>
            <input value={f.owner} onChange={(e) => up({ owner: e.target.value })} data-testid="settings-owner" />
          </label>
          <label className="editor__field">
            <span>Done statuses (comma-separated)</span>
            <input value={f.done} onChange={(e) => up({ done: e.target.value })} data-testid="settings-done" />
          </label>
          <label className="editor__field">
            <span>Blocked statuses</span>
            <input value={f.blocked} onChange={(e) => up({ blocked: e.target.value })} data-testid="settings-blocked" />
          </label>
          <label className="editor__field">
            <span>Abandoned statuses (Won't Do, Cancelled)</span>
            <input value={f.abandoned} onChange={(e) => up({ abandoned: e.target.value })} data-testid="settings-abandoned" />
          </label>
          <label className="editor__field">
            <span title="A done item with one of these resolutions is abandoned work: not completed, not throughput, counted as abandoned waste">
              Abandoned resolutions (Won't Do, Duplicate)
            </span>
            <input value={f.abandonedResolutions} onChange={(e) => up({ abandonedResolutions: e.target.value })} data-testid="settings-abandoned-resolutions" />
          </label>
          <label className="editor__field" title={f.convention === '' ? CONVENTIONS.flowmap.summary : CONVENTIONS[f.convention].summary}>
            <span>Convention every figure follows</span>
            <select value={f.convention} onChange={(e) => up({ convention: e.target.value as ConventionName | '' })} data-testid="settings-convention">
              <option value="">Flowmap (default)</option>
              {CONVENTION_NAMES.filter((c) => c !== 'flowmap').map((c) => (
                <option key={c} value={c}>
                  {CONVENTIONS[c].label}
                </option>
              ))}
            </select>
          </label>
          <label
            className="editor__field"
            title="The step the jirametrics, jira-agile-metrics and ActionableAgile conventions count cycle time from (their start status or column); Flowmap counts from the first entry into any mapped status"
          >
            <span>Committed step (cycle time starts here)</span>
            <select value={f.startStepId} onChange={(e) => up({ startStepId: e.target.value })} data-testid="settings-start-step">
              <option value="">First step in flow order</option>
              {doc.steps.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="editor__flows">
            <legend>
              <label>
                <input type="checkbox" checked={f.useCalendar} onChange={(e) => up({ useCalendar: e.target.checked })} data-testid="settings-calendar" />{' '}
                Working calendar
              </label>
            </legend>
            {f.useCalendar && (
              <>
                <label className="editor__field">
                  <span>Time zone (IANA, e.g. Europe/Berlin)</span>
                  <input value={f.timeZone} onChange={(e) => up({ timeZone: e.target.value })} data-testid="settings-tz" />
                </label>
                <div className="settings__days" role="group" aria-label="Working days">
                  {DAYS.map((d, i) => (
                    <label key={d}>
                      <input
                        type="checkbox"
                        checked={f.workingDays.includes(i + 1)}
                        onChange={(e) => up({ workingDays: e.target.checked ? [...f.workingDays, i + 1] : f.workingDays.filter((x) => x !== i + 1) })}
                      />
                      {d}
                    </label>
                  ))}
                </div>
                <label className="editor__field">
                  <span>Holidays (YYYY-MM-DD, comma-separated)</span>
                  <input value={f.holidays} onChange={(e) => up({ holidays: e.target.value })} data-testid="settings-holidays" />
                </label>
                <label className="editor__field">
                  <span>Hours per working day (default 8)</span>
                  <input value={f.hoursPerDay} onChange={(e) => up({ hoursPerDay: e.target.value })} inputMode="decimal" data-testid="settings-hours" />
                </label>
              </>
            )}
          </fieldset>
          {error && (
            <p className="import-outcome import-outcome--error" role="alert" data-testid="settings-error">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" data-testid="settings-save">
              Apply
            </button>
          </div>
        </div>
      </form>
    </aside>
  );
}
