import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Role } from '../../playlists/index.ts';
import { mayView } from '../access.ts';
import { api } from '../api.ts';
import { approvalApi } from '../approval-api.ts';
import { itemLabel } from '../fit-warnings.ts';
import { noticeMessages as t } from '../messages/notices.ts';

/** One thing waiting for the signed-in user, and the view that handles it. */
interface Notice {
  key: string;
  text: string;
  view: 'approvals' | 'content';
}

/** How often the bell asks again while the page is open. */
const REFRESH_MS = 30_000;

/**
 * In-app notices in the admin header: submissions waiting for the user's approval (others',
 * for those who approve) and the user's own submissions that were rejected, with the reason.
 * A count on the bell; the list opens under it, each notice a link to the view that handles it.
 * @fires navigate - detail: the view to open
 */
@customElement('bt-notice-bell')
export class NoticeBell extends LitElement {
  static override styles = css`
    :host { position: relative; display: inline-block; font-family: inherit; }
    /* Drawn, not an emoji: kiosk and office machines often have no emoji font. */
    .icon { width: 1em; height: 1em; vertical-align: -0.15em; }
    button.bell { font: inherit; padding: 0.45rem 0.9rem; border-radius: 6px; border: 1px solid #ffffff55; background: transparent; color: #fff; cursor: pointer; }
    .count { display: inline-block; min-width: 1.2rem; margin-left: 0.35rem; padding: 0 0.3rem; border-radius: 999px; background: #c8102e; color: #fff; font-size: 0.8rem; font-weight: 700; text-align: center; }
    .panel { position: absolute; right: 0; top: calc(100% + 0.4rem); z-index: 10; width: min(26rem, 90vw); max-height: 60vh; overflow: auto;
      background: #fff; color: #1b1f24; border: 1px solid #9aa4b1; border-radius: 8px; box-shadow: 0 6px 20px #0b254040; padding: 0.75rem; }
    h2 { font-size: 1rem; margin: 0 0 0.5rem; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
    li button { font: inherit; text-align: left; width: 100%; padding: 0.45rem 0.6rem; border: 1px solid #d4dae1; border-radius: 6px; background: #f7f9fb; color: inherit; cursor: pointer; }
    li button:hover { background: #eef2f6; }
    p { margin: 0; color: #5b6570; }
  `;

  @property({ attribute: false }) userRole: Role = 'viewer';
  @property({ attribute: false }) username = '';
  @state() private notices: Notice[] = [];
  @state() private expanded = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /** Asks the server again; a failed request leaves the notices as they were. */
  async refresh(): Promise<void> {
    const waiting = mayView('approvals', this.userRole)
      ? approvalApi.queue().then((q) => q.items.filter((e) => !e.own).map((e): Notice => ({
        key: `w:${e.id}:${e.version}`, text: t.waiting(itemLabel(e.submitted), e.submittedBy), view: 'approvals',
      })))
      : Promise.resolve([]);
    const rejected = api.content().then((c) => c.items
      .filter((e) => e.review?.state === 'rejected' && e.review.submittedBy === this.username)
      .map((e): Notice => ({ key: `r:${e.item.id}`, text: t.rejected(itemLabel(e.item), e.review?.reviewedBy, e.review?.reason), view: 'content' })));
    try {
      const [w, r] = await Promise.all([waiting, rejected]);
      this.notices = [...w, ...r];
    } catch {
      // Shown again at the next refresh.
    }
  }

  override render() {
    const n = this.notices.length;
    return html`
      <button class="bell" name="notices" aria-expanded=${this.expanded ? 'true' : 'false'} aria-label=${`${t.button}: ${t.count(n)}`}
        data-count=${n} @click=${this.toggle}><svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0z" fill="currentColor"/></svg> ${t.button}${n ? html`<span class="count">${n}</span>` : nothing}</button>
      ${this.expanded ? html`<div class="panel" role="region" aria-label=${t.heading} @keydown=${this.onKey}>
        <h2>${t.heading}</h2>
        ${n === 0 ? html`<p>${t.none}</p>` : html`<ul>${this.notices.map((x) => html`<li data-notice=${x.view}>
          <button title=${x.view === 'approvals' ? t.openApprovals : t.openContent} @click=${() => this.go(x.view)}>${x.text}</button></li>`)}</ul>`}
      </div>` : nothing}
    `;
  }

  private async toggle() {
    this.expanded = !this.expanded;
    if (this.expanded) await this.refresh();
  }

  private onKey(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    this.expanded = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.bell')?.focus();
  }

  private go(view: Notice['view']) {
    this.expanded = false;
    this.dispatchEvent(new CustomEvent('navigate', { detail: view, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-notice-bell': NoticeBell;
  }
}
