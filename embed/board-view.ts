// Loaded once the board is in view (main.ts). First the zod setting, before any schema is built.
import '../playlists/zod-config.ts';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { resolve, type Manifest, type ScreenTheme, type ZonePlay } from '../playlists/player.ts';
import * as preview from '../player/preview.ts';

/** How often the board asks whether something new was published (a cheap 304 when not). */
export const EMBED_POLL_MS = 60_000;
/** An item boundary is waited for at most this long, so a long item still picks up news. */
const MAX_WAIT_MS = 60_000;

/**
 * One audience's published playlists, played by the player's own renderers (player/preview.ts)
 * on the resolver's answer, as a screen of the ward would play them — without a screen token,
 * without proof of play, without cookies (`credentials: 'omit'`), and without storing anything.
 *
 * On the host: `data-state` (`loading` | `playing` | `idle` | `error`), `data-manifest-version`.
 */
class BtBoardView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: var(--bt-bg, #000);
      color: var(--bt-fg, #fff);
    }
    .zone {
      position: absolute;
      inset: 0;
    }
  `;

  audience = 'city';
  theme: ScreenTheme = 'outdoor';
  private manifest: Manifest | null = null;
  private play: ZonePlay | null = null;
  /** Server time minus this browser's, from the manifest's Date header: a portal's visitor's clock may be off. */
  private offset = 0;
  private tick: ReturnType<typeof setTimeout> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly now = () => Date.now() + this.offset;

  constructor() {
    super();
    // A clip that ended, stalled or failed ends its item, as on a screen (components/video.ts).
    this.addEventListener('bt-item-ended', () => this.step());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(true);
    this.poll = setInterval(() => void this.load(false), EMBED_POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.tick);
    clearInterval(this.poll);
  }

  /** Fetches the manifest; the first fetch counts a portal view. */
  private async load(first: boolean): Promise<void> {
    const url = `/embed/manifest.json?audience=${encodeURIComponent(this.audience)}${first ? '&view=1' : ''}`;
    try {
      const res = await fetch(url, {
        credentials: 'omit',
        headers: this.manifest ? { 'If-None-Match': `"${this.manifest.version}"` } : {},
      });
      const date = Date.parse(res.headers.get('date') ?? '');
      if (Number.isFinite(date) && Math.abs(date - Date.now()) > 2_000) this.offset = date - Date.now();
      if (res.status === 304) return;
      if (!res.ok) throw new Error(`manifest: ${res.status}`);
      this.manifest = ((await res.json()) as { manifest: Manifest }).manifest;
      this.step();
    } catch (err) {
      if (!this.manifest) this.setAttribute('data-state', 'error');
      console.warn('bangtin: could not load the playlist', err);
    }
  }

  /** Shows what the resolver says now, and waits for the next item boundary. */
  private step(): void {
    clearTimeout(this.tick);
    if (!this.manifest) return;
    const at = this.now();
    this.play = resolve(this.manifest, at).main;
    this.tick = setTimeout(() => this.step(), Math.max(50, Math.min(this.play.until - at, MAX_WAIT_MS)));
    this.requestUpdate();
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    for (const [name, value] of Object.entries(preview.THEME_COLOURS[this.theme])) this.style.setProperty(name, value);
    if (this.manifest) this.setAttribute('data-manifest-version', this.manifest.version);
    this.setAttribute('data-state', !this.manifest ? (this.getAttribute('data-state') ?? 'loading') : this.play?.item ? 'playing' : 'idle');
  }

  override render() {
    const item = this.play?.item;
    if (!this.manifest || !item) return nothing;
    const media = this.manifest.media;
    const since = this.play!.since;
    const emergency = this.play!.reason.tier === 'emergency' ? this.manifest.schedules.find((s) => s.id === this.play!.reason.scheduleId) : undefined;
    return html`<div class="zone">${emergency
      ? html`<bt-emergency .item=${item} .media=${media} .now=${this.now} .since=${since} .schedule=${emergency} .event=${emergency.event ?? null}></bt-emergency>`
      : preview.renderItem(item, this.now, { media, since })}</div>`;
  }
}
customElements.define('bt-board-view', BtBoardView);
// The emergency look is the player's own element; referenced so the bundler keeps its definition.
void preview.BtEmergency;

declare global {
  interface HTMLElementTagNameMap {
    'bt-board-view': BtBoardView;
  }
}

/** Puts the board's view inside `host` (a `<bangtin-board>`), for `audience`. */
export function mountBoard(host: HTMLElement, audience: string, theme: ScreenTheme): void {
  const view = document.createElement('bt-board-view');
  view.audience = audience;
  view.theme = theme;
  host.replaceChildren(view);
  const mirror = new MutationObserver(() => {
    for (const name of ['data-state', 'data-manifest-version']) {
      const value = view.getAttribute(name);
      if (value !== null) host.setAttribute(name, value);
    }
  });
  mirror.observe(view, { attributes: true });
}
