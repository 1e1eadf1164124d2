import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ScreenStatus } from '../../playlists/index.ts';
import { errorMessage } from '../load.ts';
import { errorText } from '../messages/index.ts';
import { controls } from './styles.ts';

/** The look every admin dialog shares; each sets its own width. */
export const dialogStyles = [
  controls,
  css`
    dialog { max-width: 92vw; border: 1px solid #9aa4b1; border-radius: 8px; padding: 1.25rem 1.5rem; }
    dialog::backdrop { background: #0b254066; }
    h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    p { margin: 0 0 0.75rem; line-height: 1.45; }
    .hint { font-size: 0.85rem; color: #5b6571; }
    .actions { display: flex; gap: 0.5rem; justify-content: flex-end; flex-wrap: wrap; }
    fieldset { border: 1px solid #dde2e8; border-radius: 8px; margin: 0 0 0.75rem; padding: 0.5rem 0.75rem 0.75rem; }
    legend { font-weight: 600; font-size: 0.9rem; padding: 0 0.3rem; }
    .choices { display: grid; gap: 0.3rem; }
    .choices label { display: flex; gap: 0.4rem; align-items: center; font-size: 0.9rem; color: #1b1f24; }
    input[aria-invalid='true'] { border-color: #a40e26; background: #fdecef; }
    .field-error { color: #a40e26; font-size: 0.8rem; }
  `,
];

/**
 * A modal `<dialog>` in the element's shadow root: `showModal()` on open, Escape and the
 * dialog's own buttons close it, and `closed()` runs however it closed.
 */
export abstract class ModalDialog extends LitElement {
  @query('dialog') protected dialog!: HTMLDialogElement;

  /** Runs when the dialog closed (a button, Escape, or the host). */
  protected abstract closed(): void;

  protected show(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  protected close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  /** The `<dialog>` itself, named `label` for assistive tech (and tests). */
  protected renderDialog(label: string | null, content: unknown, labelledBy?: string): TemplateResult {
    return html`<dialog aria-label=${label ?? nothing} aria-labelledby=${labelledBy ?? nothing} @close=${() => this.closed()}>${content}</dialog>`;
  }
}

/**
 * A modal yes-or-no question: `ask(question)` opens it and settles true (confirmed) or false
 * (cancelled, closed, Escape); a question still open is answered no. The question leaves the
 * page with its answer.
 */
export abstract class QuestionDialog<Q> extends ModalDialog {
  /** The question open now; null when none is. */
  @state() protected question: Q | null = null;
  private settle: ((ok: boolean) => void) | null = null;

  async ask(question: Q): Promise<boolean> {
    this.settle?.(false);
    this.question = question;
    await this.updateComplete;
    this.show();
    return new Promise((resolve) => (this.settle = resolve));
  }

  protected closed(): void {
    this.answer(false);
  }

  protected answer(ok: boolean): void {
    const settle = this.settle;
    this.settle = null;
    this.close();
    this.question = null;
    settle?.(ok);
  }
}

/** The events a screen dialog fires when it closed; the screen list then clears `screen`. */
export type ScreenDialogClosed = 'hours-closed' | 'layout-closed' | 'manage-closed' | 'now-closed' | 'token-closed';

/**
 * A dialog about one screen (its hours, layout, token, name and ward): open while `screen` is set, closed when
 * it is cleared, and on closing it fires its `*-closed` event so the list clears `screen`. The
 * title names the screen; a failed save shows its error under it.
 */
export abstract class ScreenDialog extends ModalDialog {
  /** The screen to edit; null closes the dialog. */
  @property({ attribute: false }) screen: ScreenStatus | null = null;

  @state() protected error = '';
  /** A save is on its way. */
  @state() protected busy = false;

  protected abstract readonly closedEvent: ScreenDialogClosed;
  /** The dialog's strings: its title for a screen's name, and what it is for (none: the body says it). */
  protected abstract readonly text: { title: (name: string) => string; explain?: string };
  /** Resets the dialog's own state for a screen it opens on. */
  protected abstract opening(screen: ScreenStatus): void;
  protected abstract renderBody(screen: ScreenStatus | null): unknown;

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('screen')) return;
    if (this.screen && !this.dialog.open) {
      this.error = '';
      this.busy = false;
      this.opening(this.screen);
      this.show();
    } else if (!this.screen) this.close();
  }

  /** Runs a save, busy meanwhile: the dialog closes when it is done, or shows why not. */
  protected async save(work: () => Promise<unknown>, refused?: (e: unknown) => void): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await work();
      this.close();
    } catch (e) {
      this.error = errorMessage(e, errorText, 'network');
      refused?.(e);
    } finally {
      this.busy = false;
    }
  }

  /** Clears what must not outlive the dialog; the base then tells the list. */
  protected onClosed(): void {}

  protected closed(): void {
    this.onClosed();
    this.dispatchEvent(new CustomEvent(this.closedEvent, { bubbles: true, composed: true }));
  }

  override render() {
    const title = this.text.title(this.screen?.name ?? '');
    const hint = this.text.explain;
    return this.renderDialog(title, html`<h3>${title}</h3>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderBody(this.screen)}`);
  }
}
