// A list of statuses bound to a step: chips to remove, and a field that suggests the workspace's statuses
// (with how many items entered each) so binding a step to real data is a pick, not a guess.
import { useId, useState } from 'react';
import { formatNumber } from '../common/format.ts';

export function StatusList({
  label,
  value,
  onChange,
  suggestions,
  boundElsewhere,
  testId,
}: {
  label: string;
  value: string[];
  onChange(next: string[]): void;
  suggestions: { status: string; items: number }[];
  boundElsewhere: ReadonlySet<string>;
  testId: string;
}) {
  const [typed, setTyped] = useState('');
  const listId = useId();
  const add = () => {
    const s = typed.trim();
    if (s !== '' && !value.includes(s)) onChange([...value, s]);
    setTyped('');
  };
  return (
    <div className="status-list" data-testid={testId}>
      <span className="status-list__label">{label}</span>
      <div className="status-list__chips">
        {value.map((s) => (
          <span key={s} className="status-chip">
            {s}
            <button type="button" aria-label={`Remove ${s}`} onClick={() => onChange(value.filter((v) => v !== s))}>
              ×
            </button>
          </span>
        ))}
        <input
          list={listId}
          value={typed}
          placeholder="add a status…"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
          aria-label={`${label}: add a status`}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => !value.includes(s.status))
            .map((s) => (
              <option key={s.status} value={s.status}>
                {`${formatNumber(s.items)} items${boundElsewhere.has(s.status) ? ' · bound to another step' : ''}`}
              </option>
            ))}
        </datalist>
      </div>
    </div>
  );
}
