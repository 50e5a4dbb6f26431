/**
 * One deadline for a piece of LLM work: an abort signal that fires when the time is up or the caller aborts,
 * and a race so a server that trickles its body cannot outlast it. `onExpire` says what the work returns then.
 */
export async function withDeadline<T>(
  timeoutSeconds: number,
  outer: AbortSignal | undefined,
  work: (signal: AbortSignal, deadlineAt: number) => Promise<T>,
  onExpire: (interrupted: boolean) => T,
): Promise<T> {
  const deadlineMs = Math.max(1, timeoutSeconds * 1000);
  const controller = new AbortController();
  const onOuter = (): void => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const expired = new Promise<T>((resolve) => {
    const fire = (): void => resolve(onExpire(outer?.aborted === true));
    if (controller.signal.aborted) fire();
    else controller.signal.addEventListener('abort', fire, { once: true });
  });
  try {
    return await Promise.race([work(controller.signal, Date.now() + deadlineMs), expired]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
    controller.abort();
  }
}
