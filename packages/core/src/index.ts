// The only public door of @realtime/core. Two layers, both public:
//  - the session layer (`Connection`): state machine, heartbeats, reconnection, requests, outbox;
//  - the promise API (`Realtime`, `IMClient`, `Conversation`, messages) built on it.

// Errors
export type { ErrorCode } from './errors/error-codes';
export { RealtimeError, isRealtimeError, type RealtimeErrorOptions } from './errors/realtime-error';
export { RequestTimeoutError } from './errors/request-timeout-error';
export { ProtocolError } from './errors/protocol-error';
export { ServerError } from './errors/server-error';

// Protocol codec (pure)
export * from './protocol/frames';
export { decodeServerFrame, encodeFrame, expectedReplyKind, frameKind, replyError, type DecodedFrame } from './protocol/codec';
export { wireCodeToErrorCode, isFatalCloseCode } from './protocol/wire-codes';

// Transport seam
export type { Transport, TransportFactory, TransportListener, CloseInfo } from './transport/transport';

// Session layer
export { Connection } from './connection/connection';
export type { ConnectionObserver } from './connection/connection-observer';
export type { RequestOptions } from './request/request-job';
export type {
  ConnectionOptions, Logger, SessionSignature, SessionSignatureFactory,
} from './connection/connection-options';
export {
  connectionTransitions, canTransition, type ConnectionState, type StateChange, type StateChangeReason,
} from './connection/connection-state';
export { ReconnectPolicy, type ReconnectOptions } from './connection/reconnect-policy';
export type { OutboxOptions } from './request/request-job';
export type { FetchLike, RouterAnswer } from './connection/router-lookup';
export { createWebSocketTransport, type WebSocketConstructor, type WebSocketLike } from './transport/websocket-transport';

// Promise API
export { Realtime, type RealtimeOptions, type CreateIMClientOptions } from './client/realtime';
export { createClientWith, type CreateClientOptions } from './client/create-client';
export { IMClient, type CreateConversationOptions } from './client/im-client';
export type { IMClientEvents } from './client/im-client-events';
export {
  Conversation, type ConversationSignature, type ConversationSignatureAction, type ConversationSignatureFactory,
  type QueryMessagesOptions, type SendOptions,
} from './conversation/conversation';
export type {
  ConversationEvents, InvitedPayload, KickedPayload, MembersJoinedPayload, MembersLeftPayload, ReceiptPayload,
} from './conversation/conversation-events';
export { ConversationQuery } from './conversation/conversation-query';
export { Message, type MessageStatus } from './message/message';
export { TypedMessage, type TypedMessageJSON } from './message/typed-message';
export { TextMessage } from './message/text-message';
export { FileMessage, type FileInfo } from './message/file-message';
export { ImageMessage } from './message/image-message';
export { AudioMessage } from './message/audio-message';
export { VideoMessage } from './message/video-message';
export { LocationMessage, type GeoPoint } from './message/location-message';
export { MessageRegistry, type MessageClass } from './message/message-registry';
export { TypedEmitter, type EventMap } from './events/typed-emitter';
