import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SessionInfo } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages.ts';
import './password-change.ts';
import './playlist-editor.ts';
import './revision-list.ts';
import './screen-list.ts';
import './sign-in.ts';
import { controls } from './styles.ts';

type View = 'content' | 'revisions' | 'screens';
const VIEWS: View[] = ['content', 'revisions', 'screens'];

/** The admin page: signs in, then switches between content, revisions and screens. */
@customElement('bt-admin-app')
export class AdminApp extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; min-height: 100vh; background: #f4f6f9; }
      header { display: flex; gap: 1rem; align-items: center; padding: 0.75rem 1.5rem; background: #0b2540; color: #fff; flex-wrap: wrap; }
      header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
      nav { display: flex; gap: 0.5rem; }
      nav button { background: transparent; color: #fff; border-color: #ffffff55; }
      nav button[aria-current='page'] { background: #fff; color: #0b2540; }
      header .user { font-size: 0.9rem; opacity: 0.85; }
      main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
    `,
  ];

  @state() private session: SessionInfo | null = null;
  @state() private checked = false;
  @state() private view: View = 'content';

  override connectedCallback() {
    super.connectedCallback();
    const fromHash = location.hash.slice(1) as View;
    if (VIEWS.includes(fromHash)) this.view = fromHash;
    api.session()
      .then((s) => (this.session = s))
      .catch(() => (this.session = null))
      .finally(() => (this.checked = true));
  }

  override render() {
    if (!this.checked) return nothing;
    if (!this.session) return html`<bt-sign-in @signed-in=${this.onSession}></bt-sign-in>`;
    if (this.session.mustChangePassword) {
      return html`<bt-password-change must-change @password-changed=${this.onSession}></bt-password-change>`;
    }
    return html`
      <header>
        <h1>${messages.appName}</h1>
        <nav>
          ${VIEWS.map((v) => html`<button aria-current=${v === this.view ? 'page' : 'false'} data-view=${v} @click=${() => this.go(v)}>${messages.nav[v]}</button>`)}
        </nav>
        <span class="user">${this.session.user.username}</span>
        <button @click=${this.signOut}>${messages.signIn.signOut}</button>
      </header>
      <main>${this.renderView()}</main>
    `;
  }

  private renderView() {
    switch (this.view) {
      case 'content':
        return html`<bt-playlist-editor></bt-playlist-editor>`;
      case 'revisions':
        return html`<bt-revision-list></bt-revision-list>`;
      case 'screens':
        return html`<bt-screen-list></bt-screen-list>`;
    }
  }

  private go(view: View) {
    this.view = view;
    history.replaceState(null, '', `#${view}`);
  }

  private onSession(e: CustomEvent<SessionInfo>) {
    this.session = e.detail;
  }

  private async signOut() {
    await api.signOut().catch(() => undefined);
    this.session = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-admin-app': AdminApp;
  }
}
