import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Counts the deletion cooldown down, once a second, for the Delete button's label. Announcing is
 * the element's job (at the start and the end, not every second). The timer stops when the
 * element leaves the page.
 */
export class CooldownController implements ReactiveController {
  #host: ReactiveControllerHost;
  #endsAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #onEnd: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whole seconds left, rounded up; 0 when over. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(seconds: number, onEnd?: () => void): void {
    this.stop();
    this.#endsAt = Date.now() + seconds * 1000;
    this.#onEnd = onEnd;
    if (seconds <= 0) {
      onEnd?.();
      return;
    }
    this.#timer = setInterval(() => {
      if (this.remaining === 0) {
        this.stop();
        this.#onEnd?.();
      }
      this.#host.requestUpdate();
    }, 250);
    this.#host.requestUpdate();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
