// The map switcher in the toolbar: every map of the workspace (click to show it), and per map Rename,
// Duplicate and Delete; a form for a new map. Deleting asks once, then offers Undo in a toast.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../app/store.ts';
import { useMapsStore, type MapSummary } from './maps-store.ts';
import { useEscape } from '../common/use-escape.ts';

function RenameForm({ map, onDone }: { map: MapSummary; onDone(): void }) {
  const [name, setName] = useState(map.name);
  const rename = useMapsStore((s) => s.rename);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() !== '' && name.trim() !== map.name) void rename(map.id, name).then(onDone);
    else onDone();
  };
  return (
    <form className="maps-menu__rename" onSubmit={submit}>
      <input
        autoFocus
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        aria-label={`New name for ${map.name}`}
        data-testid="map-rename-input"
      />
      <button type="submit" className="toolbar-button" data-testid="map-rename-save">
        Save
      </button>
    </form>
  );
}

function MapRow({ map, current }: { map: MapSummary; current: boolean }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const { open, duplicate, remove, busy } = useMapsStore();
  return (
    <li className={`maps-menu__row${current ? ' maps-menu__row--current' : ''}`} data-testid="map-row" data-map-name={map.name} data-map-id={map.id}>
      {mode === 'rename' ? (
        <RenameForm map={map} onDone={() => setMode('view')} />
      ) : (
        <button
          type="button"
          className="maps-menu__open"
          onClick={() => void open(map.id)}
          disabled={busy || current}
          aria-current={current ? 'true' : undefined}
          data-testid="map-open"
        >
          <span className="maps-menu__name">{map.name}</span>
          <span className="maps-menu__meta">
            {map.steps} step{map.steps === 1 ? '' : 's'}
          </span>
        </button>
      )}
      {mode === 'confirm-delete' ? (
        <span className="maps-menu__confirm" role="group" aria-label={`Delete ${map.name}?`}>
          Delete?
          <button type="button" className="toolbar-button toolbar-button--danger" onClick={() => void remove(map.id)} data-testid="map-delete-confirm">
            Delete
          </button>
          <button type="button" className="toolbar-button" onClick={() => setMode('view')}>
            Keep
          </button>
        </span>
      ) : (
        <span className="maps-menu__actions">
          <button type="button" className="toolbar-button" onClick={() => setMode('rename')} disabled={busy} data-testid="map-rename">
            Rename
          </button>
          <button type="button" className="toolbar-button" onClick={() => void duplicate(map.id)} disabled={busy} data-testid="map-duplicate">
            Duplicate
          </button>
          <button type="button" className="toolbar-button" onClick={() => setMode('confirm-delete')} disabled={busy} data-testid="map-delete">
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

function NewMap() {
  const [name, setName] = useState('');
  const [done, setDone] = useState('Done');
  const create = useMapsStore((s) => s.create);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const doneStatuses = done
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    void create(name, doneStatuses).then(() => setName(''));
  };
  return (
    <form className="maps-menu__new" onSubmit={submit} data-testid="map-new">
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="New map name"
        maxLength={200}
        required
        aria-label="New map name"
        data-testid="map-new-name"
      />
      <input
        value={done}
        onChange={(e) => setDone(e.target.value)}
        aria-label="Done statuses (comma-separated)"
        title="Done statuses (comma-separated)"
        className="maps-menu__done"
      />
      <button type="submit" className="toolbar-button" disabled={name.trim() === ''} data-testid="map-new-create">
        New map
      </button>
    </form>
  );
}

export function MapsMenu() {
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const maps = useMapsStore((s) => s.maps);
  const refresh = useMapsStore((s) => s.refresh);
  const currentId = useAppStore((s) => s.map?.id);
  useEffect(() => {
    void refresh();
    // Another map on screen (opened, created, duplicated): the list has done its job.
    setOpen(false);
  }, [refresh, currentId]);
  useEscape(open, closeMenu);
  return (
    <span className="maps-menu">
      <button type="button" className="toolbar-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="maps-open">
        Maps ({maps.length}) ▾
      </button>
      {open && (
        <div className="maps-menu__panel" role="dialog" aria-label="Maps of this workspace" data-testid="maps-panel">
          <ul className="maps-menu__list">
            {maps.map((m) => (
              <MapRow key={m.id} map={m} current={m.id === currentId} />
            ))}
          </ul>
          <NewMap />
        </div>
      )}
    </span>
  );
}

/** What the last map action did; after a delete, Undo saves the deleted map back. */
export function MapsToast() {
  const notice = useMapsStore((s) => s.notice);
  const { undoDelete, dismiss, busy } = useMapsStore();
  useEffect(() => {
    if (!notice || notice.kind === 'deleted') return;
    const t = setTimeout(dismiss, 6000);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className={`maps-toast maps-toast--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="maps-toast">
      <span>{notice.text}</span>
      {notice.kind === 'deleted' && (
        <button type="button" className="toolbar-button" onClick={() => void undoDelete()} disabled={busy} data-testid="map-undo-delete">
          Undo
        </button>
      )}
      <button type="button" className="maps-toast__close" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
