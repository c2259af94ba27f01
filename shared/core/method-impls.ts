import type { z } from 'zod';
import type { contract, MethodName, MethodOutput } from '../contract/contract.ts';

/** Synchronous implementations of some contract methods, taking already-validated input. */
export type MethodImpls<M extends MethodName> = {
  [K in M]: (input: z.output<(typeof contract)[K]['input']>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};
