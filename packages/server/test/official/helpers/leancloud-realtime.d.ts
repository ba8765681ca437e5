// Types for the untyped official client `leancloud-realtime@2.4.0`, written from its
// `lib/realtime.js` (read for facts). Only what the interop harness touches is declared;
// payloads stay loose because the point of these tests is to assert their shapes.
declare module 'leancloud-realtime' {
  /** Starts an instance and opens its session; `callback` runs on the first `open`. */
  function realtime(options: realtime.RealtimeOptions, callback?: (opened: realtime.Frame) => void): realtime.RealtimeObject;

  namespace realtime {
    type Frame = Record<string, any>;
    type Callback<T> = (value: T) => void;

    interface AuthParams {
      clientId: string;
      members?: string[];
      convId?: string;
      action?: 'invite' | 'kick';
    }
    interface AuthResult {
      signature: string;
      timestamp: number | string;
      nonce: string;
    }

    interface RealtimeOptions {
      appId: string;
      clientId?: string;
      encodeHTML?: boolean;
      auth?: (params: AuthParams, callback: Callback<AuthResult | null>) => void;
      secure?: boolean;
      region?: 'cn' | 'us';
    }

    interface RoomOptions {
      name?: string;
      members?: string[];
      attr?: Record<string, unknown>;
      transient?: boolean;
      unique?: boolean;
    }

    interface QueryOptions {
      where?: Record<string, unknown>;
      sort?: string;
      limit?: number;
      skip?: number;
      compact?: boolean;
      withLastMessages?: boolean;
    }

    interface SendOptions {
      receipt?: boolean;
      transient?: boolean;
      type?: 'text' | 'image' | 'audio' | 'video' | 'location' | 'file';
    }

    interface LogOptions {
      t?: number | string;
      mid?: string;
      limit?: number;
    }

    interface RoomObject {
      id: string;
      name?: string;
      attr: Record<string, unknown>;
      add(members: string | string[], callback?: Callback<Frame>): RoomObject;
      remove(members: string | string[], callback?: Callback<Frame>): RoomObject;
      join(callback?: Callback<Frame>): RoomObject;
      leave(callback?: Callback<Frame>): RoomObject;
      send(data: unknown, callback?: Callback<Frame>): RoomObject;
      send(data: unknown, options: SendOptions, callback?: Callback<Frame>): RoomObject;
      log(callback: Callback<Frame[]>): RoomObject;
      log(options: LogOptions, callback: Callback<Frame[]>): RoomObject;
      receive(callback: Callback<Frame>): RoomObject;
      receipt(callback: Callback<Frame>): RoomObject;
      list(callback: Callback<string[]>): RoomObject;
      count(callback: Callback<number>): RoomObject;
      update(data: Record<string, unknown>, callback?: Callback<Frame>): RoomObject;
    }

    /** The per-instance state object 2.4.0 passes to every `_engine` function. */
    interface EngineCache {
      options: RealtimeOptions & { peerId?: string; region: string; secure: boolean };
      server?: Frame & { expires: number };
      ec: { emit(name: string, data?: unknown): void };
      /** Set by `close()`; 2.4.0 sends nothing and does not reconnect while it is set. */
      closeFlag: boolean;
    }

    interface RealtimeObject {
      clientId: string;
      cache: EngineCache;
      open(callback?: Callback<Frame>): RealtimeObject;
      close(): RealtimeObject;
      on(eventNames: string, callback: (data: any) => void): RealtimeObject;
      once(eventNames: string, callback: (data: any) => void): RealtimeObject;
      off(eventName: string, callback: (data: any) => void): RealtimeObject;
      emit(eventName: string, data?: unknown): RealtimeObject;
      room(options: RoomOptions, callback?: Callback<RoomObject>): RoomObject;
      room(id: string, callback?: Callback<RoomObject | null>): RoomObject;
      conv(options: RoomOptions, callback?: Callback<RoomObject>): RoomObject;
      conv(id: string, callback?: Callback<RoomObject | null>): RoomObject;
      query(callback: Callback<Frame[]>): RealtimeObject;
      query(options: QueryOptions, callback: Callback<Frame[]>): RealtimeObject;
      ping(ids: string | string[], callback: Callback<string[]>): RealtimeObject;
    }

    const version: string;
    function config(config: { WebSocket?: unknown; heartbeatsTime?: number }): void;
    const _tool: { ajax(url: string, callback: (error: unknown, data?: Frame) => void): void };
    const _engine: {
      getServer(cache: EngineCache, options: EngineCache['options'], callback: Callback<Frame>): void;
    };
  }

  export = realtime;
}
