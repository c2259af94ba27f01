// Sheet 4: the bottleneck and each waste finding, with the core's evidence sentence, the threshold it
// crossed and the items behind it (key, title, wait or effect).
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { formatHours, formatNumber } from '../common/format.ts';
import { Sheet } from './Sheet.tsx';
import { thresholdText, wasteLabel, type FindingItem, type WasteFinding } from './waste.ts';

type StepItemRow = NonNullable<ReportModel['bottleneckItems']>['completed']['items'][number];

function ItemTable({ items, now }: { items: StepItemRow[]; now: boolean }) {
  return (
    <table className="report__kaizen report__items">
      <thead>
        <tr>
          <th>Item</th>
          <th>Title</th>
          <th>Type</th>
          <th className="num">Wait here</th>
          <th className="num">Active here</th>
          <th className="num">{now ? 'Status' : 'Lead time'}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.key}>
            <td className="report__item-key">{i.key}</td>
            <td>{i.title ?? '–'}</td>
            <td>{i.type ?? '–'}</td>
            <td className="num">{formatHours(i.waitHours)}</td>
            <td className="num">{formatHours(i.activeHours)}</td>
            <td className="num">{now ? (i.status ?? '–') : formatHours(i.leadTimeHours)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const effectValue = (i: FindingItem) => (i.unit === 'hours' ? formatHours(i.value) : `${formatNumber(i.value)}×`);

function Finding({ f, stepName, rank }: { f: WasteFinding; stepName: string; rank: number }) {
  const items = f.listed;
  const effect = items[0]?.effect;
  return (
    <section className="report__finding" data-testid="report-finding" data-waste={f.waste} data-step-id={f.stepId}>
      <h3>
        <span className="report__rank">{rank}</span> {wasteLabel(f.waste)} · {stepName}
      </h3>
      <p className="report__evidence">{f.evidence}</p>
      <p className="report__threshold">Threshold: {thresholdText(f.waste, f.threshold)}</p>
      {items.length > 0 && (
        <table className="report__kaizen report__items report__items--small">
          <thead>
            <tr>
              <th>Item</th>
              <th>Title</th>
              <th>Type</th>
              <th className="num">{effect}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.key}>
                <td className="report__item-key">{i.key}</td>
                <td className="report__item-title">{i.title ?? '–'}</td>
                <td>{i.type ?? '–'}</td>
                <td className="num">{effectValue(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {f.items.length > items.length && (
        <p className="report__footnote">
          The first {items.length} of {formatNumber(f.items.length)}
          {f.items.length >= 200 ? ' or more' : ''} items, largest effect first (all in `vsm waste --json`).
        </p>
      )}
    </section>
  );
}

export function WasteSheet({ model, findings }: { model: ReportModel; findings: WasteFinding[] }) {
  const { map, metrics } = model;
  const names = new Map(map.steps.map((s) => [s.id, s.name]));
  const items = model.bottleneckItems;
  const bName = metrics.bottleneck ? (names.get(metrics.bottleneck.stepId) ?? metrics.bottleneck.stepId) : null;
  return (
    <>
      <Sheet model={model} title="The bottleneck" testId="report-bottleneck-items">
        {metrics.bottleneck && items ? (
          <>
            <p className="report__bottleneck" data-testid="report-bottleneck">
              <span className="report__tag">Bottleneck</span>
              <strong>{bName}</strong>: {metrics.bottleneck.reason}
            </p>
            <p className="report__threshold">Rule: the step holding the largest share of all wait time of the items done in the window.</p>
            <h3 className="report__subhead">Behind the bottleneck: {items.stepName}</h3>
            <p className="report__footnote">
              {formatNumber(items.completed.count)} completed items passed through {items.stepName} and waited {formatHours(items.completed.waitHours)} there in
              all. The {items.completed.items.length} that waited longest:
            </p>
            {items.completed.items.length > 0 ? <ItemTable items={items.completed.items} now={false} /> : <p className="muted">None.</p>}
            <h3 className="report__subhead">
              In {items.stepName} now: {formatNumber(items.current.count)} items
            </h3>
            {items.current.count > items.current.items.length && (
              <p className="report__footnote">The {items.current.items.length} that have been there longest:</p>
            )}
            {items.current.items.length > 0 ? <ItemTable items={items.current.items} now /> : <p className="muted">None.</p>}
          </>
        ) : (
          <p className="muted">No bottleneck: no item done in the window waited in a mapped step.</p>
        )}
      </Sheet>
      <Sheet model={model} title={`Waste found in the data (${findings.length} ${findings.length === 1 ? 'finding' : 'findings'})`} testId="report-waste">
        {findings.length === 0 ? (
          <p className="muted">No step crossed a waste threshold.</p>
        ) : (
          <div className="report__findings">
            {findings.map((f, i) => (
              <Finding key={`${f.stepId}-${f.waste}-${i}`} f={f} stepName={names.get(f.stepId) ?? f.stepId} rank={i + 1} />
            ))}
          </div>
        )}
      </Sheet>
    </>
  );
}
