/**
 * Long work cut into slices that give the event loop back between them. The task pane and the
 * custom functions share one JavaScript thread with the pane's rendering and input (the shared
 * runtime): a check of 5,000 rows done in one go is a task of most of a second, during which
 * the pane cannot paint its progress or answer a click. Browsers count a task over 50 ms as
 * long; a slice of SLICE_MS stays well under that even with a garbage collection inside it.
 *
 * Nothing here changes what is computed: the same loop runs, only paused now and then.
 */

/** How long a slice runs before it yields (ms). */
export const SLICE_MS = 30;

/**
 * Back to the event loop, and on again once it has run what was waiting: input, a paint, and
 * React's own work (the pane's progress bar is a React state update, rendered in a task React
 * posts on a MessageChannel).
 *
 * - In a browser, a MessageChannel message: a task of its own, with no delay, queued behind the
 *   tasks already waiting — React's render of the progress among them. `scheduler.yield()`
 *   (Chromium 129+) was measured and not kept: its continuation runs ahead of other tasks of its
 *   priority, so React's render waited until the whole check was done and the progress bar
 *   stood still at "reading 0%" (input still went first). `setTimeout(0)` is not used: after
 *   five nested timers browsers clamp it to 4 ms (HTML, timer initialisation steps), which over
 *   hundreds of slices adds seconds.
 * - Node (the tests, the benchmark's adapter run): setImmediate, the same there.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A clock for one piece of work: `due()` says the current slice has run its time (cheap enough
 * to ask on every row), `next()` yields and starts the next slice.
 */
export class Slices {
  private sliceStart: number;

  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly yieldNow: () => Promise<void> = yieldToEventLoop,
  ) {
    this.sliceStart = this.now();
  }

  due(): boolean {
    return this.now() - this.sliceStart >= this.budgetMs;
  }

  async next(): Promise<void> {
    await this.yieldNow();
    this.sliceStart = this.now();
  }

  /** Yield when the slice has run its time (the common case in a loop). */
  async pause(): Promise<void> {
    if (this.due()) await this.next();
  }
}

/** Work that cannot yield (a test, a one-off): a slice that never ends. */
export const NO_SLICES = new Slices(Number.POSITIVE_INFINITY, () => 0, () => Promise.resolve());
