// The one client the renderer uses: Electron IPC when the preload bridge is there, else the local host.
import { createAppClient } from '../../../shared/client/pick-transport.ts';
import type { CoreApi } from '../../../shared/contract/contract.ts';

let client: CoreApi | null = null;

export function getClient(): CoreApi {
  client ??= createAppClient();
  return client;
}
