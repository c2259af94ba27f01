// The method names alone, for the Electron preload, which must stay tiny (no zod) in its sandbox.
// A unit test checks this list equals the contract's keys.
export const CONTRACT_METHODS = ['workspaceInfo', 'listMaps', 'getMap', 'saveMap', 'flowMetrics', 'reportModel'] as const;
export const CONTRACT_EVENTS = ['workspaceChanged'] as const;
