import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PASSWORD_MAX, PASSWORD_MIN, Role, type UserAccount, type WardEntry } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

type Draft = { role: Role; wardCode: string | null };
const t = () => messages.users;

/** Accounts for admins: create one, change its role or ward, lock it, or reset its password. */
@customElement('bt-user-list')
export class UserList extends LitElement {
  static override styles = [
    controls,
    css`
      form.create { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0.75rem; align-items: end; background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; }
      form.create p { grid-column: 1 / -1; margin: 0; font-size: 0.85rem; color: #3d4550; }
      td select { max-width: 14rem; }
      .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; }
      tr.locked td:first-child { text-decoration: line-through; color: #6b7380; }
    `,
  ];

  /** The signed-in admin's id: their own row offers no actions. */
  @property({ type: Number, attribute: 'current-user-id' }) currentUserId = 0;
  @state() private users: UserAccount[] = [];
  @state() private wards: WardEntry[] = [];
  @state() private drafts = new Map<number, Draft>();
  @state() private newRole: Role = 'editor';
  @state() private resetting: number | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [users, wards] = await Promise.all([api.users(), api.wards()]);
      this.users = users.users;
      this.wards = wards.wards;
      this.drafts = new Map();
    } catch (e) {
      this.fail(e);
    }
  }

  override render() {
    return html`
      <h2>${t().title}</h2>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      ${this.renderCreate()}
      <table>
        <thead><tr><th>${t().username}</th><th>${t().role}</th><th>${t().ward}</th><th>${t().state}</th><th></th></tr></thead>
        <tbody>${this.users.map((u) => this.renderRow(u))}</tbody>
      </table>
    `;
  }

  private renderCreate() {
    return html`
      <form @invalid=${vietnameseChecks} class="create" @submit=${this.onCreate} aria-label=${t().addTitle}>
        <label>${t().username}<input name="username" required pattern="[a-z0-9][a-z0-9._\\-]{2,63}" title=${t().usernameHint} autocomplete="off" /></label>
        <label>${t().role}${this.roleSelect(this.newRole, (role) => (this.newRole = role), 'role')}</label>
        ${this.newRole === 'ward_operator'
          ? html`<label>${t().ward}${this.wardSelect(null, () => undefined, 'wardCode', true)}</label>`
          : nothing}
        <label>${t().tempPassword}<input name="password" type="password" autocomplete="new-password" required minlength=${PASSWORD_MIN} maxlength=${PASSWORD_MAX} /></label>
        <button class="primary" type="submit">${t().create}</button>
        <p>${t().tempPasswordHint}</p>
      </form>
    `;
  }

  private renderRow(u: UserAccount) {
    const own = u.id === this.currentUserId;
    const draft = this.drafts.get(u.id) ?? { role: u.role, wardCode: u.wardCode };
    const changed = draft.role !== u.role || draft.wardCode !== u.wardCode;
    const edit = (next: Partial<Draft>) => {
      const merged = { ...draft, ...next };
      if (merged.role !== 'ward_operator') merged.wardCode = null;
      this.drafts = new Map(this.drafts).set(u.id, merged);
    };
    return html`
      <tr data-username=${u.username} class=${u.disabled ? 'locked' : ''}>
        <td>${u.username}${own ? html` <span class="badge">${t().you}</span>` : nothing}</td>
        <td>${own ? messages.roles[u.role] : this.roleSelect(draft.role, (role) => edit({ role }), 'role')}</td>
        <td>${own || draft.role !== 'ward_operator'
          ? this.wardName(u.wardCode)
          : this.wardSelect(draft.wardCode, (wardCode) => edit({ wardCode }), 'wardCode', false)}</td>
        <td>
          <span class="badge ${u.disabled ? 'changed' : 'published'}">${u.disabled ? t().disabled : t().active}</span>
          ${u.mustChangePassword ? html`<span class="badge new">${t().mustChange}</span>` : nothing}
        </td>
        <td>${own ? nothing : html`<div class="actions">
          ${changed ? html`<button class="primary" @click=${() => this.save(u, draft)}>${t().save}</button>` : nothing}
          <button @click=${() => this.toggle(u)}>${u.disabled ? t().enable : t().disable}</button>
          ${this.resetting === u.id
            ? html`<form @invalid=${vietnameseChecks} @submit=${(e: SubmitEvent) => this.reset(e, u)} class="actions">
                <input name="password" type="password" aria-label=${t().newPassword} placeholder=${t().newPassword}
                  autocomplete="new-password" required minlength=${PASSWORD_MIN} maxlength=${PASSWORD_MAX} />
                <button class="danger" type="submit">${t().confirmReset}</button>
                <button type="button" @click=${() => (this.resetting = null)}>${t().cancel}</button>
              </form>`
            : html`<button @click=${() => (this.resetting = u.id)}>${t().reset}</button>`}
        </div>`}</td>
      </tr>
    `;
  }

  private roleSelect(value: Role, onChange: (role: Role) => void, name: string) {
    return html`<select name=${name} aria-label=${t().role} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as Role)}>
      ${Role.options.map((r) => html`<option value=${r} ?selected=${r === value}>${messages.roles[r]}</option>`)}
    </select>`;
  }

  private wardSelect(value: string | null, onChange: (code: string | null) => void, name: string, required: boolean) {
    return html`<select name=${name} aria-label=${t().ward} ?required=${required}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value || null)}>
      <option value="" ?selected=${!value}>${t().chooseWard}</option>
      ${this.wards.map((w) => html`<option value=${w.code} ?selected=${w.code === value}>${w.name} (${w.code})</option>`)}
    </select>`;
  }

  private wardName(code: string | null) {
    if (!code) return t().noWard;
    return this.wards.find((w) => w.code === code)?.name ?? code;
  }

  private async onCreate(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username'));
    try {
      await api.createUser({
        username,
        role: this.newRole,
        wardCode: this.newRole === 'ward_operator' ? String(data.get('wardCode') || '') || null : null,
        password: String(data.get('password')),
      });
      form.reset();
      this.newRole = 'editor';
      this.message = { ok: true, text: t().created(username) };
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  private async save(u: UserAccount, draft: Draft) {
    if (draft.role === 'ward_operator' && !draft.wardCode) {
      this.message = { ok: false, text: t().needWard };
      return;
    }
    await this.change(u, { role: draft.role, wardCode: draft.wardCode }, t().saved(u.username));
  }

  private toggle(u: UserAccount) {
    return this.change(u, { disabled: !u.disabled }, u.disabled ? t().enabledDone(u.username) : t().disabledDone(u.username));
  }

  private async change(u: UserAccount, changes: Parameters<typeof api.updateUser>[1], done: string) {
    try {
      await api.updateUser(u.id, changes);
      this.message = { ok: true, text: done };
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  private async reset(event: SubmitEvent, u: UserAccount) {
    event.preventDefault();
    const password = String(new FormData(event.target as HTMLFormElement).get('password'));
    try {
      await api.resetPassword(u.id, password);
      this.resetting = null;
      this.message = { ok: true, text: t().resetDone(u.username) };
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.message = { ok: false, text: errorMessage(e) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-user-list': UserList;
  }
}
