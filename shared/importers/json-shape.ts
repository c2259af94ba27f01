// Small shape checks and errors every importer shares.
import { FlowmapError } from '../domain/errors.ts';

/** A plain JSON object (not null, not an array). */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one message a cancelled import ends with. */
export const cancelledError = (): FlowmapError => new FlowmapError('import-failed', 'import cancelled; the workspace is unchanged');
