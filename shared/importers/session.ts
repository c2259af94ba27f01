// One import = one transaction. A session opens it, takes the items an importer produces, reports progress
// between batches, checks for cancellation, and either commits everything or rolls everything back, so a
// failed or cancelled import leaves the workspace exactly as it was. Node only.
import { FlowmapError } from '../domain/errors.ts';
import { backupWorkspace } from '../store/backups.ts';
import {
  createCommitWriter,
  createImportWriter,
  createReleaseWriter,
  recordImportRun,
  historyRowCount,
  inImmediateTransaction,
  type CommitRow,
  type ImportedItem,
  type ReleaseRow,
} from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { cancelledError } from './json-shape.ts';

export interface ImportProgress {
  phase: string;
  done: number;
  total?: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** The workspace file, for the backup taken before an import into a non-empty workspace. */
  workspacePath?: string;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
}

export interface ImportResult {
  source: string;
  input: string;
  items: number;
  statusChanges: number;
  flagChanges: number;
  commits: number;
  releases: number;
  warnings: string[];
  /** Files of a folder that were read and left out because they hold no work items, each with why. */
  skipped: SkippedFile[];
  durationMs: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export class ImportSession {
  items = 0;
  statusChanges = 0;
  flagChanges = 0;
  commits = 0;
  releases = 0;
  readonly warnings: string[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly writeItem: (item: ImportedItem) => number;
  private writeCommitFn: ((c: CommitRow) => unknown) | null = null;
  private writeReleaseFn: ((r: ReleaseRow) => unknown) | null = null;
  private lastYield = 0;

  constructor(
    readonly db: Db,
    private readonly options: ImportOptions,
  ) {
    this.writeItem = createImportWriter(db);
  }

  item(item: ImportedItem): number {
    this.items++;
    this.statusChanges += item.changes.length;
    this.flagChanges += item.flags?.length ?? 0;
    return this.writeItem(item);
  }

  commit(c: CommitRow): void {
    this.commits++;
    (this.writeCommitFn ??= createCommitWriter(this.db))(c);
  }

  release(r: ReleaseRow): void {
    this.releases++;
    (this.writeReleaseFn ??= createReleaseWriter(this.db))(r);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** A file of the input left out, and why (listed in the result; the import goes on). */
  skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  /** Throws when the import was cancelled. */
  checkCancelled(): void {
    if (this.options.signal?.aborted) throw cancelledError();
  }

  /** Reports progress and, every so often, lets the event loop run (so a cancel request can arrive). */
  async progress(phase: string, done: number, total?: number): Promise<void> {
    this.options.onProgress?.({ phase, done, ...(total === undefined ? {} : { total }) });
    const now = performance.now();
    if (now - this.lastYield > 50) {
      this.lastYield = now;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.checkCancelled();
  }
}

/** True while an import holds the workspace's write transaction (one import at a time per handle). */
const running = new WeakSet<Db>();

export async function runImport(
  db: Db,
  meta: { source: string; input: string },
  options: ImportOptions,
  body: (session: ImportSession) => Promise<void>,
): Promise<ImportResult> {
  if (running.has(db)) throw new FlowmapError('locked', 'another import is running on this workspace; wait for it or cancel it');
  const now = options.now ?? Date.now;
  const startedAt = now();
  const t0 = performance.now();
  if (options.workspacePath) {
    if (historyRowCount(db) > 0) backupWorkspace(db, options.workspacePath, 'before-import');
  }
  running.add(db);
  try {
    if (options.signal?.aborted) throw cancelledError();
    const session = new ImportSession(db, options);
    try {
      await inImmediateTransaction(db, async () => {
        await body(session);
        session.checkCancelled();
        recordImportRun(db, {
          source: meta.source,
          input: meta.input,
          startedAt,
          finishedAt: now(),
          items: session.items,
          statusChanges: session.statusChanges,
          warnings: session.warnings,
        });
      });
    } catch (e) {
      if (e instanceof FlowmapError) throw e;
      throw new FlowmapError('import-failed', `${meta.input}: ${(e as Error).message ?? String(e)}`);
    }
    options.onProgress?.({ phase: 'done', done: session.items, total: session.items });
    return {
      source: meta.source,
      input: meta.input,
      items: session.items,
      statusChanges: session.statusChanges,
      flagChanges: session.flagChanges,
      commits: session.commits,
      releases: session.releases,
      warnings: session.warnings,
      skipped: session.skipped,
      durationMs: Math.round(performance.now() - t0),
    };
  } finally {
    running.delete(db);
  }
}
