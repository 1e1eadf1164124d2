import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatLocalDate, formatLocalTime, parseInstant, type ApprovalEntry, type MediaInfo } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { approvalApi } from '../approval-api.ts';
import { mediaApi } from '../media-api.ts';
import { approvalErrorText, approvalMessages } from '../messages/approval.ts';
import { editorMessages } from '../messages/editor.ts';
import { previewProfiles, screenSizes, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';
import { fieldChanges } from '../review-diff.ts';
import { Loader } from '../load.ts';
import './item-preview.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

/** The queue starts at a common LED board: what most city content must read on. */
const DEFAULT_QUEUE_PROFILE = '384x192';
const PROFILE_KEY = 'bangtin.admin.approvalProfile';

/**
 * The approval queue: every submitted city item, the version on air and the submitted one side by
 * side at the same screen size (drawn by the player's renderers), what changed field by field, and
 * approve / reject (with a reason). Nobody approves their own submission: its approve button is
 * disabled, with the reason beside it. Approved items reach screens at the next publish.
 * A decision names the version shown; when the item was submitted again meanwhile, the server
 * refuses it (submission_changed), and the queue says so and shows the new submission, marked.
 *
 * Each row is an `article[data-item-id]`; its previews are `.on-air` and `.submitted`.
 */
@customElement('bt-approval-queue')
export class ApprovalQueueView extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1rem; }
      .bar { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; }
      .bar h2 { margin: 0; font-size: 1.2rem; flex: 1; }
      .intro { margin: 0; color: #3d4550; }
      article { background: #fff; border: 1px solid #dde2e8; border-radius: 10px; padding: 1rem; display: grid; gap: 0.75rem; }
      article header { display: flex; gap: 0.75rem; align-items: baseline; flex-wrap: wrap; }
      article header .by { color: #5b6571; font-size: 0.9rem; }
      .side { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; }
      .side h4 { margin: 0 0 0.35rem; font-size: 0.9rem; color: #3d4550; }
      .none { color: #5b6571; border: 1px dashed #9aa4b1; border-radius: 6px; padding: 1rem; margin: 0; }
      .actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
      .own { font-size: 0.9rem; color: #6b4d00; }
      article.resubmitted { border-color: #b07d00; box-shadow: 0 0 0 2px #f2d58a; }
      .resubmitted-note { margin: 0; color: #6b4d00; font-weight: 600; }
      form { display: grid; gap: 0.5rem; max-width: 40rem; }
      form .buttons { display: flex; gap: 0.5rem; }
      @media (max-width: 50rem) { .side { grid-template-columns: minmax(0, 1fr); } }
    `,
  ];

  @state() private items: ApprovalEntry[] = [];
  @state() private media: readonly MediaInfo[] = [];
  @state() private screens: ScreenSize[] = [];
  @state() private profileId = localStorage.getItem(PROFILE_KEY) ?? DEFAULT_QUEUE_PROFILE;
  @state() private message: { ok: boolean; text: string } | null = null;
  /** The item whose rejection form is open, and the reason typed so far. */
  @state() private rejecting: { id: string; reason: string; error: string } | null = null;
  @state() private busy = false;
  /** The item whose submission changed under the approver's eyes: shown again, marked. */
  @state() private resubmitted: string | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The queue, and what its previews need; a failure shows on the message line. */
  private readonly queue = new Loader(this, async () => {
    this.items = (await approvalApi.queue()).items;
    // The previews work without them (a failed request): pictures then show as missing.
    this.media = (await mediaApi.list().catch(() => ({ media: [] }))).media;
    this.screens = screenSizes((await api.allScreens().catch(() => ({ screens: [] }))).screens);
  }, { text: approvalErrorText, onError: (text) => this.show(false, text) });

  async load() {
    await this.queue.load();
  }

  override render() {
    const t = approvalMessages.queue;
    const profiles = previewProfiles(this.screens);
    const profile = profiles.find((p) => p.id === this.profileId) ?? profiles.find((p) => p.id === DEFAULT_QUEUE_PROFILE)!;
    return html`
      <div class="bar">
        <h2>${t.title}</h2>
        <label>${t.profile}
          <select name="profile" @change=${this.pickProfile}>
            ${profiles.map((p) => html`<option value=${p.id} ?selected=${p.id === profile.id}>${p.label}</option>`)}
          </select>
        </label>
      </div>
      <p class="intro">${t.intro}</p>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      ${this.queue.settled && this.items.length === 0 ? html`<p class="empty">${t.empty}</p>` : nothing}
      ${this.items.map((entry) => this.renderEntry(entry, profile))}
    `;
  }

  private renderEntry(entry: ApprovalEntry, profile: PreviewProfile) {
    const t = approvalMessages.queue;
    const at = parseInstant(entry.submittedAt);
    const changes = fieldChanges(entry.onAir, entry.submitted, this.media);
    const resubmitted = this.resubmitted === entry.id;
    return html`<article data-item-id=${entry.id} data-version=${entry.version} class=${resubmitted ? 'resubmitted' : ''}>
      ${resubmitted ? html`<p class="resubmitted-note" role="note">${t.resubmitted}</p>` : nothing}
      <header>
        <strong>${editorMessages.kinds[entry.submitted.kind] ?? entry.submitted.kind}</strong>
        <span class="by">${t.by(entry.submittedBy, `${formatLocalTime(at)} ${formatLocalDate(at)}`)}</span>
      </header>
      <div class="side">
        <section class="on-air">
          <h4>${t.onAir}</h4>
          ${entry.onAir
            ? html`<bt-item-preview .item=${entry.onAir} .profile=${profile} .media=${this.media}></bt-item-preview>`
            : html`<p class="none">${t.notOnAir}</p>`}
        </section>
        <section class="submitted">
          <h4>${t.submittedVersion}</h4>
          <bt-item-preview .item=${entry.submitted} .profile=${profile} .media=${this.media}></bt-item-preview>
        </section>
      </div>
      <details open>
        <summary>${t.changes} (${changes.length})</summary>
        ${changes.length === 0 ? html`<p>${t.noChanges}</p>` : html`<table class="changes">
          <thead><tr><th>${t.field}</th><th>${t.before}</th><th>${t.after}</th></tr></thead>
          <tbody>${changes.map((c) => html`<tr data-field=${c.field}><td>${c.label}</td><td>${c.before}</td><td>${c.after}</td></tr>`)}</tbody>
        </table>`}
      </details>
      ${this.rejecting?.id === entry.id ? this.renderRejectForm(entry) : html`<div class="actions">
        <button class="primary" name="approve" ?disabled=${entry.own || this.busy} @click=${() => this.approve(entry)}>${t.approve}</button>
        <button class="danger" name="reject" ?disabled=${this.busy} @click=${() => (this.rejecting = { id: entry.id, reason: '', error: '' })}>${t.reject}</button>
        ${entry.own ? html`<span class="own">${t.ownSubmission}</span>` : nothing}
      </div>`}
    </article>`;
  }

  private renderRejectForm(entry: ApprovalEntry) {
    const t = approvalMessages.queue;
    const r = this.rejecting!;
    return html`<form @invalid=${vietnameseChecks} @submit=${(e: Event) => this.reject(e, entry)}>
      <label>${t.reason}
        <textarea name="reason" rows="3" maxlength="500" .value=${r.reason}
          @input=${(e: Event) => (this.rejecting = { ...r, reason: (e.target as HTMLTextAreaElement).value, error: '' })}></textarea>
      </label>
      ${r.error ? html`<p class="error" role="alert">${r.error}</p>` : nothing}
      <div class="buttons">
        <button class="danger" type="submit" name="confirm-reject" ?disabled=${this.busy}>${t.confirmReject}</button>
        <button type="button" @click=${() => (this.rejecting = null)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private pickProfile(e: Event) {
    this.profileId = (e.target as HTMLSelectElement).value;
    localStorage.setItem(PROFILE_KEY, this.profileId);
  }

  private show(ok: boolean, text: string) {
    this.message = { ok, text };
  }

  private async approve(entry: ApprovalEntry) {
    await this.decide(entry.id, () => approvalApi.approve(entry.id, entry.version), approvalMessages.queue.approved);
  }

  private async reject(e: Event, entry: ApprovalEntry) {
    e.preventDefault();
    const id = entry.id;
    const reason = this.rejecting?.reason.trim() ?? '';
    if (!reason) {
      this.rejecting = { id, reason: this.rejecting?.reason ?? '', error: approvalMessages.queue.reasonRequired };
      return;
    }
    await this.decide(id, () => approvalApi.reject(id, entry.version, reason), approvalMessages.queue.rejected);
    this.rejecting = null;
  }

  /** Runs a decision on the version shown, then reloads the queue (which shows a newer submission, if any). */
  private async decide(id: string, action: () => Promise<unknown>, done: string) {
    this.busy = true;
    this.message = null;
    this.resubmitted = null;
    try {
      await action();
      this.show(true, done);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'unknown';
      if (code === 'submission_changed') this.resubmitted = id;
      this.show(false, approvalErrorText(code));
    } finally {
      this.busy = false;
    }
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-approval-queue': ApprovalQueueView;
  }
}
