// Starting a map in an empty workspace: a name and the statuses that mean "done"; the map begins with one
// step that the step form then shapes (and "Add step" extends).
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

export function NewMapForm() {
  const [name, setName] = useState('Idea to production');
  const [done, setDone] = useState('Done');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const doneStatuses = done
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      await getClient().saveMap({
        map: {
          format: 'vsm-map',
          version: 1,
          name: name.trim(),
          doneStatuses,
          steps: [{ id: 'first-step', name: 'First step', position: { x: 0, y: 0 } }],
          flows: [],
        },
      });
      await useAppStore.getState().load();
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  return (
    <form className="new-map" onSubmit={(e) => void submit(e)} data-testid="new-map">
      <label className="editor__field">
        <span>Map name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} data-testid="new-map-name" />
      </label>
      <label className="editor__field">
        <span>Done statuses (comma-separated)</span>
        <input value={done} onChange={(e) => setDone(e.target.value)} data-testid="new-map-done" />
      </label>
      {error && (
        <p className="import-outcome import-outcome--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={saving || name.trim() === ''} data-testid="new-map-create">
        Start the map
      </button>
    </form>
  );
}
