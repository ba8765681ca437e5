/** What a transport reports back to the connection. */
export interface TransportListener {
  open(): void;
  frame(data: string | Uint8Array): void;
  /** Called once, whether the socket closed cleanly, failed to open, or errored. */
  close(info: CloseInfo): void;
}

/** Why a socket closed: the WebSocket close code and reason (1006 when the network failed). */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** One socket. Core never touches a platform WebSocket directly; platform packages provide this. */
export interface Transport {
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to `url` and reports to `listener`. Must not throw for network errors: report `close`. */
export type TransportFactory = (url: string, listener: TransportListener) => Transport;
