// The desktop app's headless print mode, which `vsm report` uses when the app is installed: the arguments
// the CLI passes and the app reads, in one place so both sides agree. Pure (no Electron, no node:*).
import { parseReportHash, reportHash, type ReportQuery } from './report-route.ts';

export const PRINT_FLAG = '--print-report';

export interface DesktopPrintJob {
  workspace: string;
  out: string;
  query: ReportQuery;
}

/** `Flowmap --print-report --workspace WS --out FILE --report '#/report?…'` */
export function desktopPrintArgs(job: DesktopPrintJob): string[] {
  return [PRINT_FLAG, '--workspace', job.workspace, '--out', job.out, '--report', reportHash(job.query)];
}

/** The print job in an argv, or null when the app was started to open its window. */
export function parseDesktopPrintArgs(argv: readonly string[]): DesktopPrintJob | null {
  const at = argv.indexOf(PRINT_FLAG);
  if (at < 0) return null;
  const value = (flag: string) => {
    const i = argv.indexOf(flag, at);
    const v = i < 0 ? undefined : argv[i + 1];
    return v === undefined || v.startsWith('--') ? null : v;
  };
  const workspace = value('--workspace');
  const out = value('--out');
  const query = parseReportHash(value('--report') ?? '#/report');
  if (workspace === null || out === null || query === null) return null;
  return { workspace, out, query };
}
