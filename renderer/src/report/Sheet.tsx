// One sheet of the report: a page in print. Every sheet after the first starts with a strip naming the map
// and the part of the story, and says when the figures are filtered (so a page read alone cannot pass
// for the whole stream).
import type { ReactNode } from 'react';
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { formatDate } from '../common/format.ts';
import { filterText } from './report-text.ts';

export function Sheet({
  model,
  title,
  testId,
  first = false,
  children,
}: {
  model: ReportModel;
  title?: string;
  testId?: string;
  first?: boolean;
  children: ReactNode;
}) {
  const filtered = filterText(model.filters);
  return (
    <section className={`sheet${first ? '' : ' sheet--next'}`} data-testid={testId}>
      {!first && (
        <header className="sheet__strip">
          <span className="sheet__map">{model.map.name}</span>
          <span className="sheet__asof">as of {formatDate(model.metrics.asOf)}</span>
          {filtered && <span className="report__filtered">Filtered: {filtered} only</span>}
        </header>
      )}
      {title && <h2 className="sheet__title">{title}</h2>}
      {children}
    </section>
  );
}
