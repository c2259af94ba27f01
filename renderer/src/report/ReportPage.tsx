// The print-ready retrospective report (A4 or Letter, landscape): one sheet per part of the story. Printed
// headlessly by shared/report/print-pdf.ts (and Electron's printToPDF), which wait for
// data-report-state="ready" (or "error", whose text is the message) and read the footer line from
// [data-report-footer]. Every figure comes from the core through the contract; this page only formats.
import { useEffect, useState } from 'react';
import type { ReportModel } from '../../../shared/contract/contract.ts';
import type { Forecast } from '../../../shared/metrics/forecast.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { reportFollowUpInputs, reportModelInput, type ReportQuery } from '../../../shared/report/report-route.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import { ActionsSheet } from './ActionsSheet.tsx';
import { ChartSheets } from './ChartSheets.tsx';
import { FutureStateSheet } from './FutureStateSheet.tsx';
import { LadderSheet } from './LadderSheet.tsx';
import { OverviewSheet } from './OverviewSheet.tsx';
import { footerText } from './report-text.ts';
import { StepsSheet } from './StepsSheet.tsx';
import { reportFindings } from './waste.ts';
import { WasteSheet } from './WasteSheet.tsx';

export interface ReportData {
  model: ReportModel;
  series: FlowSeries;
  forecast: Forecast | null;
}

type State = { kind: 'loading' } | ({ kind: 'ready' } & ReportData) | { kind: 'error'; message: string };

async function load(q: ReportQuery): Promise<ReportData> {
  if (q.mapId !== undefined && !(Number.isInteger(q.mapId) && q.mapId > 0)) throw new Error(`the report address has an invalid mapId`);
  const client = getClient();
  const model = await client.reportModel(reportModelInput(q));
  const next = reportFollowUpInputs(q, model);
  const [series, forecast] = await Promise.all([client.flowSeries(next.flowSeries), client.forecast(next.forecast).catch(() => null)]);
  return { model, series, forecast };
}

export function ReportPage({ query }: { query: ReportQuery }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    load(JSON.parse(key) as ReportQuery).then(
      (data) => live && setState({ kind: 'ready', ...data }),
      (e: unknown) => live && setState({ kind: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    document.title = state.kind === 'ready' ? `${state.model.map.name}: Flowmap report` : 'Flowmap report';
  }, [state]);

  if (state.kind === 'loading') {
    return (
      <div className="report-screen" data-report-state="loading">
        <p className="report-status">Preparing the report…</p>
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="report-screen">
        <p className="report-status report-status--error" role="alert" data-report-state="error">
          {state.message}
        </p>
      </div>
    );
  }
  return <Report data={state} paper={query.paper ?? 'a4'} />;
}

function Report({ data, paper }: { data: ReportData; paper: 'a4' | 'letter' }) {
  const { model, series, forecast } = data;
  const findings = reportFindings(model);
  return (
    <div className="report-screen" data-paper={paper}>
      <nav className="report-actions no-print">
        <a href="#/">← Back to the map</a>
        <button type="button" onClick={() => window.print()}>
          Print / save as PDF
        </button>
      </nav>
      <article className="report" data-report-state="ready" data-paper={paper}>
        <OverviewSheet model={model} findings={findings} />
        <LadderSheet model={model} />
        <StepsSheet model={model} />
        <WasteSheet model={model} findings={findings} />
        <ChartSheets model={model} series={series} forecast={forecast} />
        <FutureStateSheet model={model} />
        <ActionsSheet model={model} />
      </article>
      {/* Read by the printers for the footer of every page (they escape it); hidden on screen and paper. */}
      <div data-report-footer hidden>
        {footerText(model)}
      </div>
    </div>
  );
}
