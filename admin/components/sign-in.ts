import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../api.ts';
import { errorText, messages } from '../messages/index.ts';
import type { SessionInfo } from '../../playlists/index.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

/**
 * The sign-in form.
 * @fires signed-in - detail: the SessionInfo of the new session
 */
@customElement('bt-sign-in')
export class SignIn extends LitElement {
  static override styles = [
    controls,
    css`
      form { display: grid; gap: 1rem; max-width: 22rem; margin: 10vh auto; padding: 2rem; background: #fff; border-radius: 10px; box-shadow: 0 2px 12px #0002; }
      header { display: grid; gap: 0.25rem; }
      .product { font-size: 1.6rem; font-weight: 700; margin: 0; color: #b71c1c; }
      .tagline { margin: 0; color: #444; }
      h1 { font-size: 1.3rem; margin: 0; }
    `,
  ];

  @state() private error = '';
  @state() private busy = false;

  override render() {
    const t = messages.signIn;
    return html`
      <form @invalid=${vietnameseChecks} @submit=${this.onSubmit}>
        <header>
          <p class="product">${t.product}</p>
          <p class="tagline">${t.tagline}</p>
        </header>
        <h1>${t.title}</h1>
        <label>${t.username}<input name="username" autocomplete="username" required /></label>
        <label>${t.password}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>
      </form>
    `;
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const session = await api.signIn(String(data.get('username')), String(data.get('password')));
      this.dispatchEvent(new CustomEvent<SessionInfo>('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'unknown';
      this.error = code === 'too_many_attempts' ? messages.signIn.throttled : errorText(code);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-sign-in': SignIn;
  }
}
