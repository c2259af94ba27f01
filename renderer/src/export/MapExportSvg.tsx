// The map with its ladder as one vector drawing for export: a title block, the report's map drawing
// (MapSvg), the report's ladders (LadderSvg) and the core's ladder totals, every label SVG text. Each part
// is its own <svg> with a viewBox; export-map.ts stacks them into one document.
import type { FlowMetricsOutput, StoredMap } from '../../../shared/contract/contract.ts';
import { formatDate, formatHours, formatPercent } from '../common/format.ts';
import { LadderSvg } from '../report/LadderSheet.tsx';
import { MapSvg } from '../report/MapSvg.tsx';
import { toPrint, type PrintLadder } from '../report/report-ladders.ts';
import type { WasteFinding } from '../report/waste.ts';

export const EXPORT_WIDTH = 1048;

function TitleBlock({ map, metrics }: { map: StoredMap; metrics: FlowMetricsOutput }) {
  return (
    <svg viewBox={`0 0 ${EXPORT_WIDTH} 56`} data-export-part="title">
      <text x={4} y={26} fontSize="22" fontWeight="800" fill="#0f172a">
        {map.name}
      </text>
      <text x={4} y={47} fontSize="12.5" fill="#334155">
        {`Value stream map · as of ${formatDate(metrics.asOf)}${map.owner ? ` · owner ${map.owner}` : ''} · ${map.steps.length} steps`}
      </text>
    </svg>
  );
}

const TOTALS: Array<{
  label: string;
  key: 'totalLeadTimeHours' | 'totalProcessTimeHours' | 'activityRatio' | 'rolledPercentCompleteAccurate';
  fmt: (v: number | null) => string;
}> = [
  { label: 'Total lead time', key: 'totalLeadTimeHours', fmt: formatHours },
  { label: 'Total process time', key: 'totalProcessTimeHours', fmt: formatHours },
  { label: 'Activity ratio', key: 'activityRatio', fmt: formatPercent },
  { label: 'Rolled %C&A', key: 'rolledPercentCompleteAccurate', fmt: formatPercent },
];

function LadderPart({ kind, ladder, bottleneckId }: { kind: 'estimate' | 'measured'; ladder: PrintLadder; bottleneckId: string | null }) {
  const colW = (EXPORT_WIDTH - 8) / TOTALS.length;
  return (
    <>
      <svg viewBox={`0 0 ${EXPORT_WIDTH} 22`} data-export-part={`caption-${kind}`}>
        <text x={4} y={16} fontSize="13" fontWeight="800" fill="#0f172a">
          {kind === 'estimate'
            ? 'Timeline ladder: workshop estimate (PT, LT from the data boxes)'
            : 'Timeline ladder: measured medians of the items done in the window'}
        </text>
      </svg>
      <LadderSvg ladder={ladder} kind={kind} bottleneckId={bottleneckId} />
      <svg viewBox={`0 0 ${EXPORT_WIDTH} 44`} data-export-part={`totals-${kind}`} data-testid={`export-totals-${kind}`}>
        {TOTALS.map((t, i) => (
          <g key={t.key} transform={`translate(${4 + i * colW},0)`}>
            <text x={0} y={14} fontSize="11" fontWeight="700" fill="#475569">
              {t.label}
            </text>
            <text x={0} y={36} fontSize="18" fontWeight="800" fill="#0f172a" data-total={t.key} data-value={String(ladder[t.key])}>
              {t.fmt(ladder[t.key])}
            </text>
          </g>
        ))}
      </svg>
    </>
  );
}

export function MapExportSvg({
  map,
  metrics,
  findings,
}: {
  map: StoredMap;
  metrics: FlowMetricsOutput;
  findings: ReadonlyArray<Pick<WasteFinding, 'stepId' | 'waste'>>;
}) {
  const estimate = toPrint(metrics.ladder.estimate);
  const measured = toPrint(metrics.ladder.measured);
  const bottleneckId = metrics.bottleneck?.stepId ?? null;
  return (
    <div className="export-stage" aria-hidden="true" data-testid="export-stage">
      <TitleBlock map={map} metrics={metrics} />
      <MapSvg map={map} metrics={metrics} findings={findings} />
      {estimate && <LadderPart kind="estimate" ladder={estimate} bottleneckId={bottleneckId} />}
      {measured && <LadderPart kind="measured" ladder={measured} bottleneckId={bottleneckId} />}
    </div>
  );
}
