import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.ts';
import { errorText } from '../messages/index.ts';
import { tokenMessages as t } from '../messages/tokens.ts';
import { errorMessage } from '../load.ts';
import { ScreenDialog, dialogStyles } from './modal-dialog.ts';

type Step = 'choose' | 'confirm-rotate' | 'confirm-revoke' | 'busy' | 'issued' | 'revoked';

/**
 * A screen's token, in a modal dialog: rotate it (the new player link is shown once, with a
 * copy button) or revoke it, each after a confirmation. The server disconnects the screen.
 *
 * @fires token-closed - the dialog was closed; the list clears `screen`
 */
@customElement('bt-screen-token')
export class ScreenToken extends ScreenDialog {
  static override styles = [
    dialogStyles,
    css`
      dialog { max-width: min(40rem, 92vw); }
      h3 { margin-bottom: 0.75rem; }
      .link { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
      .link input { flex: 1; font-family: ui-monospace, monospace; font-size: 0.85rem; }
    `,
  ];

  protected readonly closedEvent = 'token-closed';
  /** The explanation shows with the first step's buttons. */
  protected readonly text = { title: t.title };
  @state() private step: Step = 'choose';
  @state() private link = '';
  @state() private copied = false;

  protected opening(): void {
    this.step = 'choose';
    this.link = '';
    this.copied = false;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // The one-time link must not outlive the dialog.
    this.link = '';
  }

  private async rotate() {
    const screen = this.screen!;
    this.step = 'busy';
    try {
      this.link = (await api.rotateToken(screen.id)).playerUrl;
      this.step = 'issued';
    } catch (e) {
      this.fail(e);
    }
  }

  private async revoke() {
    this.step = 'busy';
    try {
      await api.revokeToken(this.screen!.id);
      this.step = 'revoked';
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.error = errorMessage(e, errorText, 'network');
    this.step = 'choose';
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.link);
    } catch {
      // Without clipboard access (plain http), select the text for a manual copy.
      this.renderRoot.querySelector<HTMLInputElement>('input[name="player-url"]')?.select();
      return;
    }
    this.copied = true;
  }

  protected override close(): void {
    this.link = '';
    super.close();
  }

  protected override onClosed(): void {
    this.link = '';
  }

  protected renderBody() {
    switch (this.step) {
      case 'choose':
        return html`<p>${t.explain}</p>
          <div class="actions">
            <button @click=${() => this.close()}>${t.cancel}</button>
            <button class="danger" data-action="revoke" @click=${() => (this.step = 'confirm-revoke')}>${t.revoke}</button>
            <button class="primary" data-action="rotate" @click=${() => (this.step = 'confirm-rotate')}>${t.rotate}</button>
          </div>`;
      case 'confirm-rotate':
      case 'confirm-revoke': {
        const rotating = this.step === 'confirm-rotate';
        return html`<p role="alert">${rotating ? t.confirmRotate : t.confirmRevoke}</p>
          <div class="actions">
            <button @click=${() => (this.step = 'choose')}>${t.cancel}</button>
            <button class=${rotating ? 'primary' : 'danger'} data-action="confirm" @click=${() => (rotating ? this.rotate() : this.revoke())}>${t.confirm}</button>
          </div>`;
      }
      case 'busy':
        return html`<p role="status">${t.busy}</p>`;
      case 'issued':
        return html`<p class="ok" role="status">${t.issued}</p>
          <label>${t.link}
            <span class="link">
              <input name="player-url" readonly .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
              <button data-action="copy" @click=${this.copy}>${this.copied ? t.copied : t.copy}</button>
            </span>
          </label>
          <div class="actions"><button class="primary" @click=${() => this.close()}>${t.close}</button></div>`;
      case 'revoked':
        return html`<p class="ok" role="status">${t.revoked}</p>
          <div class="actions"><button class="primary" @click=${() => this.close()}>${t.close}</button></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-token': ScreenToken;
  }
  interface HTMLElementEventMap {
    'token-closed': CustomEvent<void>;
  }
}
