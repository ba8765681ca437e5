import { RealtimeError } from './realtime-error';

/** @internal Throws a RealtimeError `INVALID_ARGUMENT` with `message` unless `isValid` is truthy. */
export function checkArgument(isValid: unknown, message: string): void {
  if (!isValid) throw new RealtimeError('INVALID_ARGUMENT', message);
}

/** @internal `value` if it is an integer >= `min`; else INVALID_ARGUMENT naming it. */
export function checkInteger(name: string, value: number, min: number): number {
  checkArgument(value >= min && Number.isInteger(value), `${name} must be an integer >= ${min}`);
  return value;
}
