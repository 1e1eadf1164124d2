import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ScreenFallbackResult, type PlaylistEntry, type ScreenStatus } from '../../playlists/index.ts';
import { call } from '../api.ts';
import { fallbackMessages } from '../messages/fallback.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

const t = fallbackMessages.panel;

/**
 * A screen's own fallback playlist (`PUT /api/screens/{id}/fallback`): what it plays when no
 * schedule does, the city default unless set. Admins and a ward's operators (their ward's
 * screens, and the city's or their own playlists — the lists they are given are scoped).
 *
 * @fires fallback-saved - `CustomEvent<ScreenStatus>` after a change was stored.
 */
@customElement('bt-screen-fallback')
export class ScreenFallback extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; background: #fff; border-radius: 10px; padding: 0.75rem 1rem; border: 1px solid #dde2e8; }
      .muted { color: #5b6570; font-size: 0.9rem; margin: 0.3rem 0; }
    `,
  ];

  @property({ attribute: false }) screens: ScreenStatus[] = [];
  @property({ attribute: false }) playlists: PlaylistEntry[] = [];
  @state() private screenId = '';
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private busy = false;

  override willUpdate() {
    if (!this.screens.some((s) => s.id === this.screenId) && this.screens[0]) this.screenId = this.screens[0].id;
  }

  override render() {
    const screen = this.screens.find((s) => s.id === this.screenId);
    const current = screen?.fallbackPlaylistId ?? '';
    return html`<h3>${t.title}</h3>
      <p class="muted">${t.help}</p>
      <form @invalid=${vietnameseChecks} @submit=${this.save}>
        <label>${t.screen}
          <select name="fallback-screen" @change=${(e: Event) => (this.screenId = (e.target as HTMLSelectElement).value)}>
            ${this.screens.map((s) => html`<option value=${s.id} ?selected=${s.id === this.screenId}>${s.name}</option>`)}
          </select>
        </label>
        <label>${t.playlist}
          <select name="fallback-playlist" .value=${current}>
            <option value="" ?selected=${current === ''}>${t.cityDefault}</option>
            ${this.playlists.map(({ playlist: p }) => html`<option value=${p.id} ?selected=${p.id === current}>${p.name}</option>`)}
          </select>
        </label>
        <button class="primary" type="submit" name="save-fallback" ?disabled=${this.busy || !screen}>${t.save}</button>
      </form>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}`;
  }

  private async save(ev: Event) {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const value = (form.elements.namedItem('fallback-playlist') as HTMLSelectElement).value;
    this.busy = true;
    try {
      const result = await call('PUT', `/api/screens/${encodeURIComponent(this.screenId)}/fallback`, ScreenFallbackResult, { playlistId: value || null });
      const unpublished = result.fallback.screenPlaylistId !== null && result.fallback.source === 'city_default';
      this.message = { ok: true, text: unpublished ? `${t.saved} ${t.unpublished}` : t.saved };
      this.dispatchEvent(new CustomEvent<ScreenStatus>('fallback-saved', { detail: result.screen, bubbles: true, composed: true }));
    } catch (e) {
      this.message = { ok: false, text: errorMessage(e) };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-fallback': ScreenFallback;
  }
  interface HTMLElementEventMap {
    'fallback-saved': CustomEvent<ScreenStatus>;
  }
}
