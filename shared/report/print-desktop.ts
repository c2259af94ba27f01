// `vsm report` through the installed desktop app: its Electron opens the workspace with no window on screen,
// prints the report page with webContents.printToPDF and exits (electron/main.ts, printHeadless).
import { execFile } from 'node:child_process';
import { FlowmapError } from '../domain/errors.ts';
import { desktopPrintArgs, type DesktopPrintJob } from './desktop-print.ts';

export function printWithDesktopApp(app: string, job: DesktopPrintJob, timeoutMs = 120_000): Promise<void> {
  // The app must run as itself, never as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve, reject) => {
    execFile(app, desktopPrintArgs(job), { env, timeout: timeoutMs, maxBuffer: 4 * 2 ** 20 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const why = String(stderr).trim().split('\n').pop() || err.message;
      reject(
        new FlowmapError(
          'internal',
          `the desktop app (${app}) could not print the report: ${why}; name a Chrome or Chromium with --browser PATH to print without it`,
        ),
      );
    });
  });
}
