import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { controls } from './styles.ts';

export interface ConfirmRequest {
  title: string;
  /** What the operator should know before saying yes, one line each. */
  lines: readonly string[];
  confirm: string;
  cancel: string;
  /** A red confirm button (an emergency) instead of the usual blue. */
  danger?: boolean;
}

/**
 * A modal question before an action that reaches screens: the facts, then yes or no. `ask()`
 * opens it and settles true (confirmed) or false (cancelled, closed, Escape).
 *
 * The dialog is `role=dialog` with the title as its name; its buttons are `confirm-ok` and
 * `confirm-cancel`.
 */
@customElement('bt-confirm-dialog')
export class ConfirmDialog extends LitElement {
  static override styles = [
    controls,
    css`
      dialog { max-width: min(44rem, 92vw); border: 1px solid #9aa4b1; border-radius: 10px; padding: 1rem 1.25rem; }
      dialog::backdrop { background: #0b254080; }
      h3 { margin: 0 0 0.6rem; font-size: 1.05rem; }
      ul { margin: 0 0 1rem; padding-left: 1.2rem; display: grid; gap: 0.35rem; }
      .actions { display: flex; gap: 0.75rem; justify-content: flex-end; }
      button.danger-solid { background: #a40e26; border-color: #a40e26; color: #fff; font-weight: 600; }
    `,
  ];

  @state() private request: ConfirmRequest | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;
  private settle: ((ok: boolean) => void) | null = null;

  /** Opens the question; a question still open is answered no. */
  async ask(request: ConfirmRequest): Promise<boolean> {
    this.settle?.(false);
    this.request = request;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    return new Promise((resolve) => (this.settle = resolve));
  }

  override render() {
    const r = this.request;
    return html`<dialog aria-labelledby="confirm-title" @close=${() => this.answer(false)}>
      ${r ? html`<h3 id="confirm-title">${r.title}</h3>
        <ul>${r.lines.map((line) => html`<li>${line}</li>`)}</ul>
        <div class="actions">
          <button name="confirm-cancel" @click=${() => this.answer(false)}>${r.cancel}</button>
          <button name="confirm-ok" class=${r.danger ? 'danger-solid' : 'primary'} @click=${() => this.answer(true)}>${r.confirm}</button>
        </div>` : nothing}
    </dialog>`;
  }

  private answer(ok: boolean): void {
    const settle = this.settle;
    this.settle = null;
    if (this.dialog?.open) this.dialog.close();
    settle?.(ok);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-confirm-dialog': ConfirmDialog;
  }
}
