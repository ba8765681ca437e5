/**
 * A request of the official client that the server refused. 2.4.0 itself never calls back on
 * a refusal: the `{cmd:"error", i, code, reason}` frame only reaches its `error` event, and a
 * refused `session open` only shows up as a `session closed` frame followed by a reconnect.
 * The harness matches those frames to the request by `i` and rejects with this.
 */
export class OfficialRequestError extends Error {
  override name = 'OfficialRequestError';
  readonly code: number | undefined;

  constructor(
    readonly request: string,
    readonly frame: Record<string, any>,
  ) {
    super(`${request} refused by the server: ${frame.code} ${frame.reason ?? ''}`.trim());
    this.code = typeof frame.code === 'number' ? frame.code : undefined;
  }
}
