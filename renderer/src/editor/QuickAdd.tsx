// Keyboard quick-add (N or /): type a name, pick the element with ↑/↓ (or start with its word, "approval
// Change board"), Enter adds it after the selected step and keeps the box open for the next one. Ctrl+F's
// find box shares the look: type part of a step's name, Enter selects it and brings it into view.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../app/store.ts';
import { addKaizenToSelected, focusStep, quickAddAnnotation, quickAddStep, useCanvasUi } from './canvas-actions.ts';
import { ANNOTATION_ITEMS, STEP_ITEMS } from './Palette.tsx';

type Choice = { id: string; label: string; run: (text: string) => void };

const CHOICES: Choice[] = [
  ...STEP_ITEMS.map((it) => ({ id: it.kind, label: it.label, run: (t: string) => quickAddStep(it.kind, t) })),
  ...ANNOTATION_ITEMS.map((it) => ({
    id: it.kind === 'handoff' ? 'handoff-marker' : it.kind,
    label: it.label,
    run: (t: string) => quickAddAnnotation(it.kind, t),
  })),
  { id: 'kaizen', label: 'Kaizen burst', run: (t: string) => addKaizenToSelected(t) },
];

/** "approval Change board" picks the approval gate and names it "Change board". */
function readTyped(text: string, picked: number): { choice: Choice; rest: string } {
  const [first, ...rest] = text.trim().split(/\s+/);
  const word = first?.toLowerCase() ?? '';
  const hit = word.length >= 3 ? CHOICES.find((c) => c.id.startsWith(word) || c.label.toLowerCase().startsWith(word)) : undefined;
  return hit ? { choice: hit, rest: rest.join(' ') } : { choice: CHOICES[picked]!, rest: text.trim() };
}

export function QuickAdd() {
  const panel = useCanvasUi((s) => s.panel);
  if (panel === 'quick-add') return <QuickAddBox />;
  if (panel === 'find') return <FindBox />;
  return null;
}

function QuickAddBox() {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState(0);
  const close = () => useCanvasUi.getState().setPanel('none');
  const { choice } = readTyped(text, picked);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') return close();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setPicked((p) => (p + (e.key === 'ArrowDown' ? 1 : CHOICES.length - 1)) % CHOICES.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = readTyped(text, picked);
      r.choice.run(r.rest);
      setText('');
    }
  };
  return (
    <div className="quick-add" role="dialog" aria-label="Quick add" data-testid="quick-add">
      <input
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        placeholder="Name, then Enter (↑↓ picks the element; Esc closes)"
        aria-label="Name of the new element"
        data-testid="quick-add-input"
      />
      <ul className="quick-add__list" role="listbox" aria-label="Element">
        {CHOICES.map((c, i) => (
          <li
            key={c.id}
            role="option"
            aria-selected={c === choice}
            className={c === choice ? 'quick-add__on' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              setPicked(i);
            }}
          >
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FindBox() {
  const [text, setText] = useState('');
  const steps = useAppStore((s) => s.map?.steps);
  const hits = useMemo(() => (steps ?? []).filter((s) => s.name.toLowerCase().includes(text.trim().toLowerCase())).slice(0, 8), [steps, text]);
  const close = () => useCanvasUi.getState().setPanel('none');
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') return close();
    if (e.key === 'Enter' && hits[0]) {
      e.preventDefault();
      focusStep(hits[0].id);
      close();
    }
  };
  return (
    <div className="quick-add" role="dialog" aria-label="Find a step" data-testid="find-step">
      <input
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        placeholder="Find a step by name, Enter to go"
        aria-label="Find a step"
        data-testid="find-input"
      />
      <ul className="quick-add__list" role="listbox">
        {hits.map((s, i) => (
          <li
            key={s.id}
            role="option"
            aria-selected={i === 0}
            className={i === 0 ? 'quick-add__on' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              focusStep(s.id);
              close();
            }}
          >
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
