// The one error type that crosses every transport: a code the UI and CLI can act on and a message that
// names the file, record and field at fault. Browser-safe.
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'newer-schema',
  'corrupt',
  'locked',
  /** A save based on an older revision than the stored one: reload and make the change again. */
  'conflict',
  'import-failed',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// Its zod schema is in error-payload.ts: code that only throws errors (the CLI's start-up) need not load zod.
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class FlowmapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FlowmapError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }

  static fromPayload(p: ErrorPayload): FlowmapError {
    return new FlowmapError(p.code, p.message);
  }
}

/** Anything thrown, as a payload safe to send: unknown errors keep their message but not their stack. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof FlowmapError) return e.toPayload();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
