// While the app is quiet, the core computes the figures of the filters a user is most likely to click next:
// each item type of the filter bar ticked (or unticked) against what the screen shows now. A first type filter
// on 50,000 items then finds its answers kept by the core (recentAnswer) instead of walking 40,000 items and
// building their series while the user waits. Only reads the app itself asked for are repeated, with nothing
// changed but `types`, through the core's own `call` (validated as any call), and their answers are dropped:
// what stays is the core's cache, which an import clears as before.
// Each read is one step of a round. A real call stops the round at the next step, so it waits for at most one
// read (the longest, a 40,000-item flowMetrics with its waste walk, ~150 ms on this bench machine), and the
// round only starts after the owner has been idle for `idleMs` (the page draws the last answers meanwhile).
import type { MethodName } from '../contract/contract.ts';
import { answerTag, answerText } from './answer-tags.ts';
import type { Core } from './create-core.ts';

/** The reads a type filter changes, whose answers the core keeps (see recent-answers.ts and waste-methods.ts). */
const FILTERED_READS: ReadonlySet<MethodName> = new Set<MethodName>(['flowMetrics', 'wasteAnalysis', 'flowSeries', 'flowCharts', 'forecast']);

export interface NextFilterOptions {
  /** Quiet time after the last answer before a round starts, ms. */
  idleMs?: number;
  /** How many item types are tried (the most common first), so a workspace with many types is not walked for each. */
  maxTypes?: number;
  /** How many of the app's latest distinct reads are repeated (one filter change asks for five). */
  maxReads?: number;
}

export interface NextFilters {
  /** A call arrived (stops a round under way); `input` is kept when it is a read a filter changes. */
  started(method: MethodName, input: unknown): void;
  /** A call was answered: `value` is read when it is itemFacets (the types the filter bar offers). */
  finished(method: MethodName, value: unknown): void;
  /** No more rounds (the core is closing). */
  stop(): void;
}

/** One of the app's reads: its types apart from the rest of its input, which the round keeps as it was. */
type Read = { method: MethodName; types: string[]; rest: Record<string, unknown> };

/** `types` with `type` ticked, or unticked when it is ticked already: one click in the filter bar. */
export function toggledTypes(types: readonly string[], type: string): string[] {
  return types.includes(type) ? types.filter((t) => t !== type) : [...types, type];
}

export function createNextFilters(core: Pick<Core, 'call' | 'on'>, options: NextFilterOptions = {}): NextFilters {
  const idleMs = options.idleMs ?? 300;
  const maxTypes = options.maxTypes ?? 4;
  const maxReads = options.maxReads ?? 8;
  // The latest distinct reads, by everything but their types (a filter change replaces its own earlier read).
  const reads = new Map<string, Read>();
  // The filter bar's types (most common first), read again after the items change.
  let types: string[] | null = null;
  core.on('workspaceChanged', (p) => {
    if (p.what === 'items') types = null;
  });
  let inFlight = 0;
  let generation = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const schedule = () => {
    cancel();
    if (stopped || inFlight > 0 || reads.size === 0) return;
    const gen = generation;
    timer = setTimeout(() => {
      timer = null;
      void run(gen);
    }, idleMs);
    // A pending round never keeps a worker (or a test) alive.
    (timer as { unref?: () => void }).unref?.();
  };

  // Any call since the round began moved the generation on.
  const current = (gen: number) => !stopped && gen === generation;
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(gen: number): Promise<void> {
    try {
      if (types === null) types = facetTypes(await core.call('itemFacets', {}));
      await yieldTurn();
      const latest = [...reads.values()].reverse();
      // The fewest items first: more of the likely clicks are ready sooner.
      for (const type of types.slice(0, maxTypes).reverse()) {
        for (const { method, types: now, rest } of latest) {
          if (!current(gen)) return;
          const next = toggledTypes(now, type);
          // Errors are the real query's to report (a map deleted since, a window now invalid).
          const value = await core.call(method, next.length > 0 ? { ...rest, types: next } : rest).catch(() => undefined);
          await yieldTurn();
          if (!current(gen)) return;
          // A kept answer's text too, as the click's answer will be sent (written once per kept answer).
          if (answerTag(value) !== null) answerText(value);
          await yieldTurn();
        }
      }
    } catch {
      // itemFacets failed: the workspace is closing or damaged, which the app's own calls report.
    }
  }

  return {
    started(method, input) {
      generation++;
      inFlight++;
      cancel();
      if (!FILTERED_READS.has(method) || typeof input !== 'object' || input === null || Array.isArray(input)) return;
      const { types: given, ...rest } = input as Record<string, unknown>;
      const key = `${method}|${JSON.stringify(rest)}`;
      reads.delete(key);
      reads.set(key, { method, types: Array.isArray(given) ? (given as string[]) : [], rest });
      if (reads.size > maxReads) reads.delete(reads.keys().next().value!);
    },
    finished(method, value) {
      inFlight = Math.max(0, inFlight - 1);
      if (method === 'itemFacets') types = facetTypes(value);
      schedule();
    },
    stop() {
      stopped = true;
      cancel();
    },
  };
}

/** The filter bar's types, the most common first (as itemFacets orders them). */
function facetTypes(value: unknown): string[] {
  const list = (value as { types?: { value: string }[] } | null)?.types;
  return Array.isArray(list) ? list.map((t) => t.value) : [];
}
