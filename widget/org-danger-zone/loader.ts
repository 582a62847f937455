/**
 * The element's one read: the danger-zone state, loaded again whenever what it depends on changes
 * (the org, the API's base, `getToken`). It does what the element used `@lit/task` for in a
 * fraction of its bytes, since the first chunk has a budget: a new run aborts the one it replaces,
 * the last outcome stays on screen while a new one runs, and only the latest run's outcome lands.
 * `load` answers every outcome as a value to render; it throws only once aborted.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Loader<T> implements ReactiveController {
  /** The last outcome; undefined until the first run ends. */
  value: T | undefined;
  /** A run is under way (the element says `aria-busy`). */
  pending = false;
  #host: ReactiveControllerHost;
  #args: () => readonly unknown[];
  #load: (signal: AbortSignal) => Promise<T>;
  #last: readonly unknown[] = [];
  #abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, args: () => readonly unknown[], load: (signal: AbortSignal) => Promise<T>) {
    (this.#host = host).addController(this);
    this.#args = args;
    this.#load = load;
  }

  hostUpdate(): void {
    const args = this.#args();
    if (args.some((arg, i) => arg !== this.#last[i])) {
      this.#last = args;
      void this.run();
    }
  }

  /** Loads now; resolves once this run's outcome is rendered, or once a newer run replaced it. */
  async run(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.pending = true;
    this.#host.requestUpdate();
    let value: T;
    try {
      value = await this.#load(abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      throw error;
    }
    if (this.#abort !== abort) return;
    this.value = value;
    this.pending = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }
}
