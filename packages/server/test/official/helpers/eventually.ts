/**
 * Retries `check` until it stops throwing. For effects the server applies after its reply
 * (e.g. a closed session disappearing from presence), with no fixed sleep.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 3000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
