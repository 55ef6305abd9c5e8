export { registerOfflineSupport, cacheForOffline, type OfflineOptions } from './register-offline.js';
export { strategyFor, snapshotUrl, type FetchStrategy, type OfflineConfig } from './offline-policy.js';
export { startOfflineSupport, widgetOfflineOptions, type WidgetOfflineSettings } from './widget-offline.js';
