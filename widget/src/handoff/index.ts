export { RelayHandoff, type RelayHandoffOptions } from './relay-handoff.js';
export { HandoffConnection, type HandoffConnectionOptions, type ConnectionPhase } from './handoff-connection.js';
export { RoomSocket, RECONNECT_LIMITS, type ReconnectLimits, type RoomSocketOptions } from './room-socket.js';
export { HandoffApi, HandoffApiError } from './handoff-api.js';
export { HandoffSessions, type HandoffSession } from './handoff-session.js';
export { HandoffStatus, describeHandoff, formatWait, type HandoffPhase } from './handoff-status.js';
export { CallbackForm } from './callback-form.js';
