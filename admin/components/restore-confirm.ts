import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { messages } from '../messages/index.ts';
import { QuestionDialog, dialogStyles } from './modal-dialog.ts';
import './revision-diff.ts';

/**
 * The question before restoring a revision: what it would change on air (the revision diff,
 * against what screens have now), then yes or no. `ask(n)` opens it and settles true
 * (confirmed) or false (cancelled, closed, Escape). Its buttons are `restore-ok` and
 * `restore-cancel`.
 */
@customElement('bt-restore-confirm')
export class RestoreConfirm extends QuestionDialog<number> {
  static override styles = [
    dialogStyles,
    css`
      dialog { width: min(64rem, 92vw); max-height: 88vh; border-radius: 10px; }
      dialog::backdrop { background: #0b254080; }
      .actions { position: sticky; bottom: -1.25rem; background: #fff; padding: 0.75rem 0; gap: 0.75rem; }
    `,
  ];

  override render() {
    const n = this.question;
    const t = messages.revisions;
    return this.renderDialog(null, n === null ? nothing : html`<h3 id="restore-title">${t.restoreAsk(n)}</h3>
        <p class="hint">${t.restoreExplain}</p>
        <bt-revision-diff restoring .revision=${n}></bt-revision-diff>
        <div class="actions">
          <button name="restore-cancel" @click=${() => this.answer(false)}>${t.restoreCancel}</button>
          <button name="restore-ok" class="primary" @click=${() => this.answer(true)}>${t.restoreConfirm(n)}</button>
        </div>`, 'restore-title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-restore-confirm': RestoreConfirm;
  }
}
