// What a drill-down panel shows before its items arrive: a loading line, or the core's error message.
export function DrillStatus({ drill }: { drill: { kind: string; message?: string } }) {
  if (drill.kind === 'loading') return <p className="muted">Loading the items…</p>;
  if (drill.kind === 'error')
    return (
      <p className="import-outcome import-outcome--error" role="alert">
        {drill.message}
      </p>
    );
  return null;
}
