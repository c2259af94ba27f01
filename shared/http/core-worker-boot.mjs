// Starts shared/http/core-worker.ts from the TypeScript sources (tsx), when `vsm` runs without its bundle.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
