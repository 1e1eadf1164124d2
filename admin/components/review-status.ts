import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentEntry, Role } from '../../playlists/index.ts';
import { approvalApi } from '../approval-api.ts';
import { mayArchive, maySubmit } from '../access.ts';
import { approvalErrorText, approvalMessages } from '../messages/approval.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';

/**
 * Where a city item stands in approval — draft, submitted, approved, rejected (with the
 * approver's reason), archived — and the actions the role has on it: submit for approval,
 * archive, unarchive. Ward-local items (no review) render nothing.
 *
 * Archiving takes an item off screens, so it is not offered beside the badge (where it read
 * like "save"): `section="archive"` renders only archive/unarchive, for the editor's footer,
 * and each asks `confirmArchive` first.
 *
 * `.review` (the badge) carries `data-review-state` for tests; it is not a `.badge`, which
 * names the publish state beside it.
 * @fires item-saved - detail: the ContentEntry after the action
 */
@customElement('bt-review-status')
export class ReviewStatus extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: contents; }
      .review { display: inline-block; font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 999px; }
      .review.draft { background: #e8ecf1; color: #3d4550; }
      .review.submitted { background: #dbe9fb; color: #0b3d73; }
      .review.approved { background: #e7f6ec; color: #0b6b2e; }
      .review.rejected { background: #fdecef; color: #a40e26; white-space: normal; }
      .review.archived { background: #ececec; color: #5b6571; }
      .hint { font-size: 0.8rem; color: #5b6571; }
      .error { font-size: 0.85rem; padding: 0.2rem 0.5rem; }
    `,
  ];

  @property({ attribute: false }) entry!: ContentEntry;
  @property({ attribute: false }) userRole: Role = 'viewer';
  /** Runs before an action (the editor saves pending edits, so the submitted version is the one typed). */
  @property({ attribute: false }) beforeAction: () => Promise<void> = async () => undefined;
  /** Asked before submitting (the editor's warnings about what will not show whole); false stops it. */
  @property({ attribute: false }) confirmSubmit: () => Promise<boolean> = async () => true;
  /** Which part renders: the state and submitting (`review`), or archiving (`archive`). */
  @property() section: 'review' | 'archive' = 'review';
  /** Asked before archiving (true) or unarchiving (false); false stops it. */
  @property({ attribute: false }) confirmArchive: (archiving: boolean) => Promise<boolean> = async () => true;

  @state() private busy = false;
  @state() private error = '';

  override render() {
    const review = this.entry.review;
    if (!review) return nothing;
    const t = approvalMessages;
    const label = review.state === 'rejected' && review.reason ? t.rejectedBecause(review.reason) : t.states[review.state];
    const canSubmit = maySubmit(this.userRole) && (review.state === 'draft' || review.state === 'rejected');
    const error = this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing;
    if (this.section === 'archive') {
      if (!mayArchive(this.userRole)) return nothing;
      const archived = review.state === 'archived';
      return html`<button name=${archived ? 'unarchive' : 'archive'} ?disabled=${this.busy} @click=${() => this.archive(!archived)}>${archived ? t.unarchive : t.archive}</button>${error}`;
    }
    return html`
      <span class="review ${review.state}" data-review-state=${review.state}>${label}</span>
      ${review.state === 'draft' && review.hasApproved ? html`<span class="hint">${t.approvedOnAir}</span>` : nothing}
      ${canSubmit ? html`<button class="primary" name="submit-review" ?disabled=${this.busy} @click=${this.submit}>${t.submit}</button>` : nothing}
      ${error}
    `;
  }

  private async archive(archiving: boolean) {
    if (await this.confirmArchive(archiving)) await this.act(archiving ? approvalApi.archive : approvalApi.unarchive);
  }

  private readonly submit = async () => {
    if (await this.confirmSubmit()) await this.act(approvalApi.submit);
  };

  private async act(action: (id: string) => Promise<ContentEntry>) {
    this.busy = true;
    this.error = '';
    try {
      await this.beforeAction();
      const entry = await action(this.entry.item.id);
      this.dispatchEvent(new CustomEvent('item-saved', { detail: entry, bubbles: true, composed: true }));
    } catch (e) {
      this.error = errorMessage(e, approvalErrorText);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-review-status': ReviewStatus;
  }
}
