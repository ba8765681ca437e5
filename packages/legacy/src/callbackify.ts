/**
 * Bridges a promise to a 2.x-style callback. The callback runs outside the promise chain's
 * error path: if the app's callback throws, `onError` gets that error instead of it being
 * swallowed or thrown out of a socket handler.
 */
export function callbackify<T>(
  work: Promise<T>,
  callback: ((value: T) => void) | undefined,
  onError: (error: unknown) => void,
): void {
  work.then(
    (value) => {
      if (typeof callback !== 'function') return;
      try {
        callback(value);
      } catch (error) {
        onError(error);
      }
    },
    onError,
  );
}
