/** Where a message is in its life: built locally, on its way, acknowledged by the server, or refused. */
export type MessageStatus = 'none' | 'sending' | 'sent' | 'failed' | 'received';

/**
 * A message with free-form content: a string, or a JSON object sent as its serialisation.
 * Typed messages (text, image, …) extend {@link TypedMessage}.
 */
export class Message {
  /** Server id, set once sent or received. */
  id?: string;
  /** Server timestamp. */
  timestamp?: Date;
  /** Sender's client id. */
  from?: string;
  /** Conversation id. */
  cid?: string;
  /** Sent or received as a transient message (no ack, no history, no offline delivery). */
  transient = false;
  /** Delivered from offline storage at login. */
  offline = false;
  /** When the receiver acknowledged it (receipts). */
  deliveredAt?: Date;
  status: MessageStatus = 'none';

  constructor(public content: string | Record<string, unknown> = '') {}

  /** The `msg` string put on the wire. */
  encode(): string {
    return typeof this.content === 'string' ? this.content : JSON.stringify(this.content);
  }
}
