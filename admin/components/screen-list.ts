import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatLocalDate, formatLocalTime, parseInstant, type ScreenStatus } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { errorText, messages } from '../messages.ts';
import { controls } from './styles.ts';

const POLL_MS = 2_000;

/** Every screen, whether it is connected right now and which manifest version it runs. */
@customElement('bt-screen-list')
export class ScreenList extends LitElement {
  static override styles = [
    controls,
    css`
      .dot { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin-right: 0.35rem; background: #a40e26; }
      .dot.on { background: #0b8a3c; }
      code { font-size: 0.85rem; }
    `,
  ];

  @state() private screens: ScreenStatus[] = [];
  @state() private error = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.poll();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  private async poll() {
    try {
      this.screens = (await api.screens()).screens;
      this.error = '';
    } catch (e) {
      this.error = errorText(e instanceof ApiError ? e.code : 'network');
    }
    if (this.isConnected) this.#timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  override render() {
    const t = messages.screens;
    const online = this.screens.filter((s) => s.connected).length;
    return html`
      <h2>${t.title}</h2>
      <p>${t.count(online, this.screens.length)}</p>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      <table>
        <thead><tr><th>${t.name}</th><th>${t.ward}</th><th>${t.state}</th><th>${t.lastSeen}</th><th>${t.version}</th><th>${t.viewport}</th></tr></thead>
        <tbody>
          ${this.screens.map((s) => {
            const seen = s.lastSeenAt ? parseInstant(s.lastSeenAt) : null;
            const current = s.manifestVersion !== null && s.manifestVersion === s.expectedVersion;
            return html`<tr data-screen-id=${s.id} data-connected=${s.connected} data-version=${s.manifestVersion ?? ''}>
              <td>${s.name}</td>
              <td>${s.ward ?? ''}</td>
              <td><span class="dot ${s.connected ? 'on' : ''}"></span>${s.connected ? t.online : t.offline}</td>
              <td>${seen ? `${formatLocalTime(seen)} ${formatLocalDate(seen)}` : '—'}</td>
              <td>${s.manifestVersion
                ? html`<code>${s.manifestVersion.slice(0, 8)}</code> <span class="badge ${current ? 'published' : 'changed'}">${current ? t.current : t.behind}</span>`
                : t.none}</td>
              <td>${s.viewport ? `${s.viewport.width}×${s.viewport.height}` : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-list': ScreenList;
  }
}
