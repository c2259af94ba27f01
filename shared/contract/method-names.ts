// The method names alone, for the Electron preload, which must stay tiny (no zod) in its sandbox.
// A unit test checks this list equals the contract's keys.
export const CONTRACT_METHODS = ['workspaceInfo', 'listMaps', 'getMap', 'saveMap', 'deleteMap', 'itemFacets', 'workspaceStatuses', 'flowMetrics', 'reportModel', 'flowSeries', 'forecast', 'stepItems', 'metricItems', 'importJiraFiles', 'importJiraLive', 'importCsv', 'importGit', 'importGithubFiles', 'importGithubLive', 'cancelImport', 'credentialStatus', 'setCredential', 'doraMetrics', 'flowCharts', 'chartItems', 'doraTrend'] as const;
export const CONTRACT_EVENTS = ['workspaceChanged', 'importProgress'] as const;
