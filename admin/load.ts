import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from './api.ts';
import { errorText } from './messages/index.ts';

/**
 * A failed request as Vietnamese text: the API's error code through `text` (a view's own
 * codes first, then the admin's), anything that is not an API error as `fallback`.
 */
export function errorMessage(e: unknown, text: (code: string) => string = errorText, fallback = 'unknown'): string {
  return text(e instanceof ApiError ? e.code : fallback);
}

export interface LoaderOptions {
  /** The view's error texts (default: the admin's). */
  text?: (code: string) => string;
  /** Where the view shows a failure besides `error` (its message line). */
  onError?: (text: string) => void;
  /** Forget the last value when loading again (a different thing is loaded), instead of keeping it on screen. */
  clear?: boolean;
}

/**
 * What a view loads from the API, and how that went: `value` once loaded, `loading` while a load
 * runs, `error` (Vietnamese text) when the last one failed, `settled` once any load ended. The
 * host renders again at each change. `load()` runs the task (again); a load that a newer one
 * overtook changes nothing, so a slow answer never replaces a newer one.
 */
export class Loader<T> implements ReactiveController {
  value: T | undefined = undefined;
  error = '';
  loading = false;
  settled = false;
  private runs = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly task: () => Promise<T>,
    private readonly options: LoaderOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async load(): Promise<void> {
    const run = ++this.runs;
    this.loading = true;
    this.error = '';
    if (this.options.clear) this.value = undefined;
    this.host.requestUpdate();
    try {
      const value = await this.task();
      if (run === this.runs) this.value = value;
    } catch (e) {
      if (run !== this.runs) return;
      this.error = errorMessage(e, this.options.text);
      this.options.onError?.(this.error);
    } finally {
      if (run === this.runs) {
        this.loading = false;
        this.settled = true;
        this.host.requestUpdate();
      }
    }
  }
}
