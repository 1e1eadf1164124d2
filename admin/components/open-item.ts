import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NEW_ITEM, contentHash, readContentHash } from '../content-hash.ts';

/**
 * Which item of the playlist the content view's one editor shows (or NEW_ITEM, the add form),
 * kept in the page's address so a reload opens it again. `leave` runs before another item
 * opens: it saves the open editor's edits and says whether to go on.
 */
export class OpenItem implements ReactiveController {
  /** The open item's id, NEW_ITEM, or null before the first load. */
  id: string | null = null;
  private fromHash = readContentHash(location.hash);
  private playlistId: string | null = null;
  /** A load that ends after the view was left must not write the address of the view now open. */
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly leave: () => Promise<boolean>,
  ) {
    host.addController(this);
  }

  /** The playlist the address named when the page loaded, until the first load settles. */
  get addressedPlaylist(): string | null {
    return this.fromHash.playlistId;
  }

  /** After a load: the open item stays while the playlist holds it; else the address's, the first, or the add form. */
  settle(playlistId: string, ids: readonly string[]): void {
    const wanted = this.id ?? this.fromHash.itemId;
    this.fromHash = { playlistId: null, itemId: null };
    this.playlistId = playlistId;
    this.set(wanted === NEW_ITEM || (wanted && ids.includes(wanted)) ? wanted : ids[0] ?? NEW_ITEM);
  }

  /** Opens another item (or the add form) once `leave` agrees. */
  async choose(next: string): Promise<void> {
    if (next === this.id || !(await this.leave())) return;
    this.set(next);
  }

  /** An item left the playlist from `index` (`ids`: the playlist after): if it was open, its neighbour opens. */
  removed(id: string, index: number, ids: readonly string[]): void {
    if (id === this.id) this.set(ids[index] ?? ids[index - 1] ?? NEW_ITEM);
  }

  set(id: string): void {
    this.id = id;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
  }

  hostUpdated(): void {
    if (!this.connected || !this.playlistId || !this.id) return;
    const hash = contentHash({ playlistId: this.playlistId, itemId: this.id });
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }
}
