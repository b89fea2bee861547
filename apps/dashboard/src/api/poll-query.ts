import { ApiError, isAbort } from './graphql-client.js';

/**
 * Runs `request` now and again `intervalMs` after each answer, skipping rounds while the tab is
 * hidden. Aborted requests are silent; a rejected key goes to `onKeyRejected` (and polling
 * continues, so a new key resumes it); other failures to `onError` with the last good answer
 * left to the caller. Returns the stop function for a hook's cleanup.
 */
export function pollQuery(
  request: (signal: AbortSignal) => Promise<void>,
  intervalMs: number,
  handlers: { onError: (error: ApiError) => void; onKeyRejected: (error: ApiError) => void },
): () => void {
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const run = (): void => {
    if (stopped) return;
    if (document.visibilityState === 'hidden') {
      timer = setTimeout(run, intervalMs);
      return;
    }
    controller = new AbortController();
    request(controller.signal)
      .catch((error: unknown) => {
        if (isAbort(error) || stopped) return;
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (apiError.kind === 'unauthenticated') handlers.onKeyRejected(apiError);
        else handlers.onError(apiError);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  run();
  return () => {
    stopped = true;
    controller?.abort();
    clearTimeout(timer);
  };
}
