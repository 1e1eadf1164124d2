import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NEW_ITEM, contentHash, readContentHash, type ContentPlace } from '../content-hash.ts';

/**
 * Which item of the playlist the content view's one editor shows (or NEW_ITEM, the add form),
 * kept in the page's address so a reload opens it again. `leave` runs before another item
 * opens: it saves the open editor's edits and says whether to go on. An item the user opens is
 * a new entry in the browser's history, so Back and Forward move between opened items (through
 * `leave` too); `openPlaylist` loads another playlist that Back or Forward names.
 */
export class OpenItem implements ReactiveController {
  /** The open item's id, NEW_ITEM, or null before the first load. */
  id: string | null = null;
  private fromHash = readContentHash(location.hash);
  private playlistId: string | null = null;
  /** The playlist's items, for what Back or Forward may open. */
  private ids: readonly string[] = [];
  /** The next address is a new history entry (the user opened an item), not a correction. */
  private push = false;
  /** A load that ends after the view was left must not write the address of the view now open. */
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly leave: () => Promise<boolean>,
    private readonly openPlaylist: (playlistId: string) => void,
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
    this.ids = ids;
    this.set(wanted === NEW_ITEM || (wanted && ids.includes(wanted)) ? wanted : ids[0] ?? NEW_ITEM);
  }

  /** Opens another item (or the add form) once `leave` agrees. */
  async choose(next: string): Promise<void> {
    if (next === this.id || !(await this.leave())) return;
    this.push = true;
    this.set(next);
  }

  /** An item left the playlist from `index` (`ids`: the playlist after): if it was open, its neighbour opens. */
  removed(id: string, index: number, ids: readonly string[]): void {
    this.ids = ids;
    if (id === this.id) this.set(ids[index] ?? ids[index - 1] ?? NEW_ITEM);
  }

  set(id: string): void {
    this.id = id;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    this.connected = false;
    removeEventListener('popstate', this.onPopState);
  }

  hostUpdated(): void {
    const push = this.push;
    this.push = false;
    if (!this.connected || !this.playlistId || !this.id) return;
    const hash = contentHash({ playlistId: this.playlistId, itemId: this.id });
    if (location.hash === hash) return;
    // The first address of a load corrects the one the page came with; an opened item adds one.
    if (push && readContentHash(location.hash).itemId) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }

  private readonly onPopState = () => void this.follow(readContentHash(location.hash));

  /** Back or Forward to another opened item: it opens once `leave` agrees; else the address goes back to what is open. */
  private async follow(place: ContentPlace): Promise<void> {
    const { playlistId, itemId } = place;
    if (!playlistId || !itemId || (playlistId === this.playlistId && itemId === this.id)) return;
    const known = playlistId !== this.playlistId || itemId === NEW_ITEM || this.ids.includes(itemId);
    if (!known || !(await this.leave())) {
      if (this.playlistId && this.id) history.replaceState(null, '', contentHash({ playlistId: this.playlistId, itemId: this.id }));
      return;
    }
    if (playlistId === this.playlistId) return this.set(itemId);
    // Another playlist: it loads, and `settle` opens the item if it still holds it.
    this.id = null;
    this.fromHash = place;
    this.openPlaylist(playlistId);
  }
}
