type Listener = () => void;

/**
 * Tells long-lived streams (the fleet dashboard's server-sent events) that some account's
 * access may have changed — its role, ward, lock, password or sessions — so each checks its
 * own session again rather than serving what its user may no longer see.
 *
 * Listeners run after the current task, so a change made inside a transaction is checked once
 * it has committed, and a burst of changes costs one check.
 */
export class AccessChanges {
  readonly #listeners = new Set<Listener>();
  #pending = false;

  changed(): void {
    if (this.#pending || !this.#listeners.size) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
