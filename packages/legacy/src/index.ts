// The public door of @realtime/legacy: the documented AV.realtime surface over @realtime/core.
export { createLegacyRealtime, legacyVersion, type LegacyPlatform, type LegacyRealtime } from './realtime';
export { RealtimeObject, type RoomOptions, type QueryOptions } from './realtime-object';
export { RoomObject, type SendOptions, type LogOptions } from './room-object';
export type { LegacyRealtimeOptions, LegacyConfig, AuthFunction, AuthParams } from './legacy-options';
export type { SignatureResult, Frame } from './legacy-session';
export { LegacyEvent, type LegacyEventName } from './event-names';
export { LegacyError, isLegacyError, type LegacyErrorCode } from './legacy-error';
export { encodeMessageBody, type MediaType, type MediaData } from './encode-message-body';
export { decodeMessageBody } from './decode-message-body';
