import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PlaylistEntry, SessionWard } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';

const t = wardMessages.content;

/**
 * A ward's first step: one sentence on what to do, and the button that creates the ward's own
 * playlist (owned by the ward: the server sets the owner from the session).
 * @fires playlist-created - detail: the new playlist
 */
@customElement('bt-ward-playlist-start')
export class WardPlaylistStart extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { background: #fff; border: 1px solid #c9d1db; border-radius: 10px; padding: 1.25rem 1.5rem; display: grid; gap: 0.9rem; justify-items: start; max-width: 52rem; }
      p { margin: 0; font-size: 1.05rem; line-height: 1.5; }
    `,
  ];

  /** The ward the operator works for. */
  @property({ attribute: false }) ward: SessionWard | null = null;
  @state() private busy = false;
  @state() private error = '';

  override render() {
    if (!this.ward) return nothing;
    return html`<section data-ward-start>
      <p>${t.empty(this.ward.name)}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="primary" name="create-ward-playlist" ?disabled=${this.busy} @click=${this.create}>${t.create}</button>
    </section>`;
  }

  private async create() {
    this.busy = true;
    this.error = '';
    try {
      const created = await api.createPlaylist({ name: t.defaultName(this.ward!.name), itemIds: [] });
      this.dispatchEvent(new CustomEvent<PlaylistEntry>('playlist-created', { detail: created, bubbles: true, composed: true }));
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-ward-playlist-start': WardPlaylistStart;
  }
  interface HTMLElementEventMap {
    'playlist-created': CustomEvent<PlaylistEntry>;
  }
}
