/** The widget's public types, shipped for site owners and for the code that plugs into it. */
export type { SupportWidget, SupportWidgetEventMap } from './element/support-widget.js';
export type { Generative, LlmSettings, Offline, Position, Prefetch, SupportWidgetConfig, Theme } from './element/widget-config.js';
export type { AnswerOrigin, Citation, ConversationMessage } from './conversation/message.js';
export type { Responder, ResponderEvent, Turn } from './conversation/responder.js';
export type { ResponderSettings } from './conversation/default-responder.js';
export type { MessageTransport } from './conversation/message-transport.js';
export type { Handoff, HandoffHost, HandoffRequest } from './conversation/handoff.js';
export type { ConversationState, VisitorIdentity } from './memory/conversation-store.js';
export type { RetentionPolicy } from './memory/retention.js';
export type * from '../../protocol/index.js';
