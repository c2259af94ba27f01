// The map's waste thresholds, editable: saved in the map (`wasteThresholds`, only those that differ from the
// defaults), after which the core measures the findings again. The core validates the ranges.
import { useState } from 'react';
import type { WasteThresholds } from '../../../shared/domain/map.ts';
import { DEFAULT_WASTE_THRESHOLDS } from '../../../shared/metrics/waste.ts';
import { useHistory } from '../app/history.ts';
import { currentMapDoc, saveMapEdit, useAppStore } from '../app/store.ts';
import { errorMessage } from '../common/format.ts';
import { THRESHOLD_FIELDS, thresholdInput, thresholdValue, type ThresholdKey } from './thresholds.ts';

export function ThresholdsForm({ current, onDone }: { current: Required<WasteThresholds>; onDone(): void }) {
  const [text, setText] = useState<Record<ThresholdKey, string>>(
    () => Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.key, thresholdInput(f.key, current[f.key])])) as Record<ThresholdKey, string>,
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(values: WasteThresholds | undefined) {
    const doc = currentMapDoc();
    if (!doc) return;
    setSaving(true);
    setError(null);
    try {
      const { wasteThresholds: _old, ...rest } = doc;
      if (await saveMapEdit(values && Object.keys(values).length > 0 ? { ...rest, wasteThresholds: values } : rest)) {
        useHistory.getState().record(doc);
        await useAppStore.getState().reload();
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  function submit() {
    const values: WasteThresholds = {};
    for (const f of THRESHOLD_FIELDS) {
      const v = thresholdValue(f.key, text[f.key]);
      if (v === null) return setError(`${f.label.replace(/ [≥]$| below$/, '')}: expected a number, got "${text[f.key]}"`);
      if (v !== DEFAULT_WASTE_THRESHOLDS[f.key]) (values as Record<string, number>)[f.key] = v;
    }
    void save(values);
  }

  return (
    <form
      className="waste__thresholds"
      data-testid="waste-thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {THRESHOLD_FIELDS.map((f) => (
        <label key={f.key} className="waste__threshold">
          <span>{f.label}</span>
          <span>
            <input
              inputMode="decimal"
              value={text[f.key]}
              onChange={(e) => setText({ ...text, [f.key]: e.target.value })}
              data-threshold={f.key}
              aria-label={f.label}
            />
            {f.unit === 'share' ? ' %' : f.unit === 'count' ? ' items' : ''}
          </span>
        </label>
      ))}
      {error && (
        <p role="alert" className="waste__threshold-error">
          {error}
        </p>
      )}
      <div className="waste__threshold-actions">
        <button type="submit" disabled={saving} data-testid="waste-thresholds-save">
          {saving ? 'Saving…' : 'Save thresholds'}
        </button>
        <button type="button" disabled={saving} onClick={() => void save(undefined)} data-testid="waste-thresholds-reset">
          Defaults
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
