import { LegacyError } from './legacy-error';

/** 2.x's optional leading options: `(options, callback)`, `(callback)` or `()`. */
export function optionsAndCallback<OptionsOrCallback, Callback>(
  optionsOrCallback: OptionsOrCallback | null | undefined,
  callback: Callback | undefined,
): [Exclude<OptionsOrCallback, Function>, Callback | Extract<OptionsOrCallback, Function> | undefined] {
  return typeof optionsOrCallback === 'function'
    ? [{} as Exclude<OptionsOrCallback, Function>, optionsOrCallback as Extract<OptionsOrCallback, Function>]
    : [(optionsOrCallback ?? {}) as Exclude<OptionsOrCallback, Function>, callback];
}

/** One client id or an array of them, as an array; anything else is the caller's mistake. */
export function clientIdList(clientIds: string | string[]): string[] {
  const ids = typeof clientIds === 'string' ? [clientIds] : clientIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new LegacyError('INVALID_ARGUMENT', 'Expected a client id or an array of them');
  }
  return ids;
}
