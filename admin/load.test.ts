import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { Loader, errorMessage } from './load.ts';
import { errorText } from './messages/index.ts';

class Host implements ReactiveControllerHost {
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(_c: ReactiveController): void {}
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
}

/** A task whose answers the test hands out, in any order. */
function deferred<T>() {
  const pending: Array<{ resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  const task = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { task, pending };
}

describe('errorMessage', () => {
  it('translates an API error code, and anything else as the fallback', () => {
    expect(errorMessage(new ApiError(409, 'ward_in_use', 'x'))).toBe(errorText('ward_in_use'));
    expect(errorMessage(new TypeError('bad json'))).toBe(errorText('unknown'));
    expect(errorMessage(new TypeError('bad json'), errorText, 'network')).toBe(errorText('network'));
    expect(errorMessage(new ApiError(400, 'own_code', 'x'), (code) => `view: ${code}`)).toBe('view: own_code');
  });
});

describe('Loader', () => {
  it('holds the value once loaded, and says when it is loading and when it settled', async () => {
    const host = new Host();
    const { task, pending } = deferred<string[]>();
    const loader = new Loader(host, task);
    const done = loader.load();
    expect([loader.loading, loader.settled, loader.value]).toEqual([true, false, undefined]);
    pending[0]!.resolve(['a']);
    await done;
    expect([loader.loading, loader.settled, loader.value, loader.error]).toEqual([false, true, ['a'], '']);
    expect(host.updates).toBe(2);
  });

  it('keeps the last value when a load fails, and shows the failure where the view says', async () => {
    const host = new Host();
    const { task, pending } = deferred<number>();
    const shown: string[] = [];
    const loader = new Loader(host, task, { onError: (text) => shown.push(text) });
    const first = loader.load();
    pending[0]!.resolve(1);
    await first;
    const second = loader.load();
    pending[1]!.reject(new ApiError(403, 'forbidden', 'no'));
    await second;
    expect([loader.value, loader.error, loader.settled]).toEqual([1, errorText('forbidden'), true]);
    expect(shown).toEqual([errorText('forbidden')]);
  });

  it('never lets a slow answer replace a newer one', async () => {
    const host = new Host();
    const { task, pending } = deferred<string>();
    const loader = new Loader(host, task);
    const slow = loader.load();
    const fast = loader.load();
    pending[1]!.resolve('new');
    await fast;
    pending[0]!.resolve('old');
    await slow;
    expect(loader.value).toBe('new');
  });

  it('forgets the last value while loading another thing, when asked to', async () => {
    const host = new Host();
    const { task, pending } = deferred<string>();
    const loader = new Loader(host, task, { clear: true });
    const first = loader.load();
    pending[0]!.resolve('revision 3');
    await first;
    void loader.load();
    expect(loader.value).toBeUndefined();
  });
});
