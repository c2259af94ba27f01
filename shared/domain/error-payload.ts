// The error payload as it crosses a transport (IPC reply, HTTP body), validated where it is received.
import { z } from 'zod';
import { ERROR_CODES, type ErrorPayload } from './errors.ts';

export const ErrorPayloadSchema: z.ZodType<ErrorPayload> = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
