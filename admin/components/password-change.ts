import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PASSWORD_MIN, type SessionInfo } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

/**
 * Change my password; shown by force after a first start with a generated password.
 * @fires password-changed - detail: the updated SessionInfo
 */
@customElement('bt-password-change')
export class PasswordChange extends LitElement {
  static override styles = [
    controls,
    css`
      form { display: grid; gap: 1rem; max-width: 24rem; margin: 8vh auto; padding: 2rem; background: #fff; border-radius: 10px; box-shadow: 0 2px 12px #0002; }
      h1 { font-size: 1.3rem; margin: 0; }
    `,
  ];

  /** Whether the user must change it before anything else. */
  @property({ type: Boolean, attribute: 'must-change' }) mustChange = false;
  @state() private error = '';

  override render() {
    const t = messages.password;
    return html`
      <form @invalid=${vietnameseChecks} @submit=${this.onSubmit}>
        <h1>${t.title}</h1>
        ${this.mustChange ? html`<p>${t.mustChange}</p>` : null}
        <label>${t.current}<input name="current" type="password" autocomplete="current-password" required /></label>
        <label>${t.next}<input name="next" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required /></label>
        <label>${t.confirm}<input name="confirm" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
        <button class="primary" type="submit">${t.submit}</button>
      </form>
    `;
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    if (data.get('next') !== data.get('confirm')) {
      this.error = messages.password.mismatch;
      return;
    }
    try {
      const session = await api.changePassword(String(data.get('current')), String(data.get('next')));
      this.dispatchEvent(new CustomEvent<SessionInfo>('password-changed', { detail: session, bubbles: true, composed: true }));
    } catch (e) {
      this.error = errorMessage(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-password-change': PasswordChange;
  }
}
