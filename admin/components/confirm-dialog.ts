import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { QuestionDialog, dialogStyles } from './modal-dialog.ts';

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
export class ConfirmDialog extends QuestionDialog<ConfirmRequest> {
  static override styles = [
    dialogStyles,
    css`
      /* A question, not a form: a little tighter, and the page behind a little darker. */
      dialog { max-width: min(44rem, 92vw); border-radius: 10px; padding: 1rem 1.25rem; }
      dialog::backdrop { background: #0b254080; }
      h3 { margin: 0 0 0.6rem; font-size: 1.05rem; }
      ul { margin: 0 0 1rem; padding-left: 1.2rem; display: grid; gap: 0.35rem; }
      .actions { gap: 0.75rem; flex-wrap: nowrap; }
      button.danger-solid { background: #a40e26; border-color: #a40e26; color: #fff; font-weight: 600; }
    `,
  ];

  override render() {
    const r = this.question;
    return this.renderDialog(null, r ? html`<h3 id="confirm-title">${r.title}</h3>
        <ul>${r.lines.map((line) => html`<li>${line}</li>`)}</ul>
        <div class="actions">
          <button name="confirm-cancel" @click=${() => this.answer(false)}>${r.cancel}</button>
          <button name="confirm-ok" class=${r.danger ? 'danger-solid' : 'primary'} @click=${() => this.answer(true)}>${r.confirm}</button>
        </div>` : nothing, 'confirm-title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-confirm-dialog': ConfirmDialog;
  }
}
