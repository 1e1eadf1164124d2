import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SessionInfo } from '../../playlists/index.ts';
import { mayEditSchedules, mayFollowEmergencies, mayManageScreens, mayManageWards, mayPublish, mayRetireScreens, mayRestore, maySendEmergency, mayUploadMedia, mayView, wardOf } from '../access.ts';
import { approvalMessages } from '../messages/approval.ts';
import { api } from '../api.ts';
import { viewOf } from '../content-hash.ts';
import { messages } from '../messages/index.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { scheduleMessages } from '../messages/schedule.ts';
import { reportMessages } from '../messages/reports.ts';
import { standardsMessages } from '../messages/standards.ts';
import './emergency-panel.ts';
import './password-change.ts';
import './notice-bell.ts';
import './playlist-editor.ts';
import './media-library.ts';
import './revision-list.ts';
import './screen-list.ts';
import './sign-in.ts';
import './storage-banner.ts';
import './audit-log.ts';
import './approval-queue.ts';
import './schedule-view.ts';
import './user-list.ts';
import './ward-list.ts';
import { controls } from './styles.ts';

type View = 'content' | 'approvals' | 'media' | 'schedules' | 'revisions' | 'screens' | 'reports' | 'standards' | 'wards' | 'users' | 'audit';
const VIEWS: View[] = ['content', 'approvals', 'media', 'schedules', 'revisions', 'screens', 'reports', 'standards', 'wards', 'users', 'audit'];
const navLabel = (v: View) =>
  v === 'approvals' ? approvalMessages.nav : v === 'reports' ? reportMessages.nav : v === 'standards' ? standardsMessages.nav : messages.nav[v];

/** The admin page: signs in, then switches between the views the role may open. */
@customElement('bt-admin-app')
export class AdminApp extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; min-height: 100vh; background: #f4f6f9; }
      header { display: flex; gap: 1rem; align-items: center; padding: 0.75rem 1.5rem; background: #0b2540; color: #fff; flex-wrap: wrap; }
      header h1 { font-size: 1.1rem; margin: 0; flex: 1 1 16rem; }
      nav { display: flex; gap: 0.5rem; flex-wrap: wrap; }
      nav button { background: transparent; color: #fff; border-color: #ffffff55; }
      nav button[aria-current='page'] { background: #fff; color: #0b2540; }
      header .account { display: flex; gap: 0.5rem; align-items: center; }
      header .user { font-size: 0.9rem; opacity: 0.85; }
      main { max-width: 1400px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
      header button.emergency { background: #c8102e; border-color: #c8102e; color: #fff; font-weight: 700; }
      header button.emergency:hover:not(:disabled) { background: #a40e26; }
      dialog.emergency { width: min(60rem, 94vw); max-height: 92vh; border: 2px solid #c8102e; border-radius: 12px; padding: 0; }
      dialog.emergency::backdrop { background: #0b254099; }
      dialog.emergency .top { display: flex; justify-content: flex-end; padding: 0.5rem 0.75rem 0; }
      dialog.emergency bt-emergency-panel { padding: 0 1.25rem 1.25rem; }
      /* A printed report (Báo cáo) is the document alone. */
      @media print {
        :host { background: #fff; }
        header, bt-storage-banner, dialog { display: none !important; }
        main { max-width: none; padding: 0; }
      }
    `,
  ];

  @state() private session: SessionInfo | null = null;
  @state() private checked = false;
  @state() private view: View = 'content';
  /** The emergency panel, open over whichever view shows. */
  @state() private emergencyOpen = false;

  override connectedCallback() {
    super.connectedCallback();
    // `#content/<playlist>/<item>`: the content view keeps what is open after the view's name.
    const fromHash = viewOf(location.hash) as View;
    if (VIEWS.includes(fromHash)) this.view = fromHash;
    addEventListener('popstate', this.onPopState);
    api.session()
      .then((s) => (this.session = s))
      .catch(() => (this.session = null))
      .finally(() => (this.checked = true));
  }

  override render() {
    if (!this.checked) return nothing;
    if (!this.session) return html`<bt-sign-in @signed-in=${this.onSession}></bt-sign-in>`;
    if (this.session.mustChangePassword) {
      return html`<bt-password-change must-change @password-changed=${this.onSession}></bt-password-change>`;
    }
    return html`
      <header>
        <h1>${messages.appName}</h1>
        <nav>
          ${VIEWS.filter((v) => mayView(v, this.session!.user.role)).map((v) => html`<button aria-current=${v === this.view ? 'page' : 'false'} data-view=${v} @click=${() => this.go(v)}>${navLabel(v)}</button>`)}
        </nav>
        <bt-notice-bell .userRole=${this.session.user.role} .username=${this.session.user.username} @navigate=${(e: CustomEvent<View>) => this.go(e.detail)}></bt-notice-bell>
        ${mayFollowEmergencies(this.session.user.role)
          ? html`<button class="emergency" name="open-emergency" aria-haspopup="dialog" @click=${this.openEmergency}>${scheduleMessages.emergency.open}</button>`
          : nothing}
        <div class="account">
          <span class="user">${this.session.user.username}</span>
          ${this.session.user.ward ? html`<span class="user ward" data-ward=${this.session.user.ward.code}>${wardMessages.workingFor(this.session.user.ward.name)}</span>` : nothing}
          <button @click=${this.signOut}>${messages.signIn.signOut}</button>
          <button @click=${this.signOutEverywhere}>${messages.signIn.signOutEverywhere}</button>
        </div>
      </header>
      <bt-storage-banner></bt-storage-banner>
      <main>${this.renderView()}</main>
      <dialog class="emergency" aria-label=${scheduleMessages.emergency.open} @close=${() => (this.emergencyOpen = false)}>
        <div class="top"><button name="close-emergency" @click=${this.closeEmergency}>${scheduleMessages.emergency.close}</button></div>
        ${this.emergencyOpen ? html`<bt-emergency-panel ?can-send=${maySendEmergency(this.session.user.role)}></bt-emergency-panel>` : nothing}
      </dialog>
    `;
  }

  /** One click from every view: the panel opens over the page, which stays as it was. */
  private async openEmergency() {
    this.emergencyOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.emergency')?.showModal();
  }

  private closeEmergency() {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.emergency')?.close();
  }

  private renderView() {
    const role = this.session!.user.role;
    switch (mayView(this.view, role) ? this.view : 'content') {
      case 'content':
        return html`<bt-playlist-editor .ward=${wardOf(this.session!)} .canPublish=${mayPublish(role)} .userRole=${role}></bt-playlist-editor>`;
      case 'approvals':
        return html`<bt-approval-queue></bt-approval-queue>`;
      case 'media':
        return html`<bt-media-library ?can-upload=${mayUploadMedia(role)}></bt-media-library>`;
      case 'schedules':
        return html`<bt-schedule-view ?can-edit=${mayEditSchedules(role)} ?can-send=${maySendEmergency(role)} .userRole=${role} .ward=${wardOf(this.session!)}></bt-schedule-view>`;
      case 'revisions':
        return html`<bt-revision-list ?can-restore=${mayRestore(role)}></bt-revision-list>`;
      case 'screens':
        return html`<bt-screen-list .canManage=${mayManageScreens(role)} .canMoveWard=${mayManageWards(role)} .canRetire=${mayRetireScreens(role)} .ward=${wardOf(this.session!)}></bt-screen-list>`;
      case 'wards':
        return html`<bt-ward-list ?can-manage=${mayManageWards(role)}></bt-ward-list>`;
      case 'users':
        return html`<bt-user-list current-user-id=${this.session!.user.id}></bt-user-list>`;
      case 'audit':
        return html`<bt-audit-log></bt-audit-log>`;
      case 'standards':
        // CAP alerts in, schedules out as iCalendar, the playlists on web portals (issue 17).
        void import('./standards-view.ts');
        return html`<bt-standards-view .userRole=${role} .ward=${wardOf(this.session!)}></bt-standards-view>`;
      case 'reports':
        // Loaded on demand with its chart library (uPlot): no other view downloads them.
        void import('./report-page.ts');
        return html`<bt-report-page .userRole=${role} .ward=${wardOf(this.session!)}></bt-report-page>`;
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPopState);
  }

  /** Back or Forward to an entry of another view (an item opened before the view changed). */
  private readonly onPopState = () => {
    const view = viewOf(location.hash) as View;
    if (VIEWS.includes(view) && view !== this.view) this.view = view;
  };

  private go(view: View) {
    this.view = view;
    // Back to the view already open keeps what the hash says is open in it.
    if (viewOf(location.hash) !== view) history.replaceState(null, '', `#${view}`);
  }

  private onSession(e: CustomEvent<SessionInfo>) {
    this.session = e.detail;
  }

  private async signOutEverywhere() {
    await api.signOutEverywhere().catch(() => undefined);
    this.session = null;
  }

  private async signOut() {
    await api.signOut().catch(() => undefined);
    this.session = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-admin-app': AdminApp;
  }
}
