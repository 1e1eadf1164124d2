import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LOCATION_KINDS, type ScreenSettings } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

type Mode = 'pair' | 'register';

/** A screen registered ahead in this visit, with the link shown only now. */
interface Registered {
  name: string;
  playerUrl: string;
}

/**
 * Adds screens (admin only): pairs the screen showing a code, or registers one ahead and shows
 * its player link once, for provisioning many boxes. Ward and location kind stay filled in
 * between screens, since a batch usually shares them.
 * @fires screen-added - detail: the new screen's settings
 */
@customElement('bt-screen-add')
export class ScreenAdd extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; background: #fff; border: 1px solid #dde2e8; border-radius: 10px; padding: 1rem; margin-bottom: 1rem; }
      h3 { margin: 0 0 0.75rem; font-size: 1.05rem; }
      .tabs { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
      .tabs button[aria-pressed='true'] { background: #0b2540; border-color: #0b2540; color: #fff; }
      .help { margin: 0 0 0.75rem; color: #5b6571; font-size: 0.9rem; }
      form { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; }
      form label { min-width: 10rem; flex: 1 1 10rem; }
      form label input, form label select { width: 100%; }
      input[name='code'] { font-family: ui-monospace, monospace; font-size: 1.4rem; letter-spacing: 0.2em; text-transform: uppercase; width: 11rem; }
      label.code { flex: 0 0 auto; min-width: 0; }
      .links { margin-top: 0.75rem; }
      .links input { width: 100%; font-family: ui-monospace, monospace; font-size: 0.85rem; }
      .links td { vertical-align: middle; }
      .links td.link { width: 60%; }
      p.ok, p.error { margin: 0.75rem 0 0; }
    `,
  ];

  /** Ward labels already in use, offered as suggestions with the official wards. */
  @property({ attribute: false }) wards: string[] = [];

  /** Official wards by name: a ward typed as one of these links the screen to it by code. */
  @state() private official = new Map<string, string>();

  @state() private mode: Mode = 'pair';
  @state() private busy = false;
  @state() private error = '';
  @state() private done = '';
  @state() private registered: Registered[] = [];
  @state() private copied = -2;

  override connectedCallback() {
    super.connectedCallback();
    api.wards()
      .then(({ wards }) => (this.official = new Map(wards.map((w) => [wardKey(w.name), w.code]))))
      .catch(() => undefined);
  }

  override render() {
    const t = messages.screenAdd;
    return html`
      <h3>${t.title}</h3>
      <div class="tabs" role="group">
        ${(['pair', 'register'] as const).map(
          (m) => html`<button type="button" data-mode=${m} aria-pressed=${this.mode === m} @click=${() => this.switchTo(m)}>
            ${m === 'pair' ? t.pairTab : t.registerTab}</button>`,
        )}
      </div>
      <p class="help">${this.mode === 'pair' ? t.pairHelp : t.registerHelp}</p>
      <form @invalid=${vietnameseChecks} @submit=${this.submit}>
        ${this.mode === 'pair'
          ? html`<label class="code">${t.code}
              <input name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false"
                maxlength="9" pattern="[A-Za-z2-9 \\-]{6,9}" placeholder="ABC DEF" />
            </label>`
          : nothing}
        <label>${t.name}<input name="name" required maxlength="120" autocomplete="off" /></label>
        <label>${t.ward}<input name="ward" maxlength="120" list="wards" autocomplete="off" /></label>
        <datalist id="wards">${this.suggestions().map((w) => html`<option value=${w}></option>`)}</datalist>
        <label>${t.locationKind}
          <select name="locationKind">
            ${LOCATION_KINDS.map((k) => html`<option value=${k}>${messages.locationKinds[k] ?? k}</option>`)}
          </select>
        </label>
        <label>${t.tags}<input name="tags" maxlength="400" autocomplete="off" placeholder=${t.tagsHint} /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.mode === 'pair' ? t.pair : t.register}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="ok" role="status">${this.done}</p>` : nothing}
      ${this.mode === 'register' && this.registered.length ? this.renderLinks() : nothing}
    `;
  }

  private renderLinks() {
    const t = messages.screenAdd;
    return html`<div class="links">
      <p class="help">${t.linkOnce}</p>
      <table>
        <tbody>
          ${this.registered.map(
            (r, i) => html`<tr>
              <td>${r.name}</td>
              <td class="link"><input readonly .value=${r.playerUrl} aria-label=${r.name} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></td>
              <td><button type="button" @click=${() => this.copy(r.playerUrl, i)}>${this.copied === i ? t.copied : t.copy}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.registered.length > 1
        ? html`<button type="button" @click=${() => this.copy(this.registered.map((r) => `${r.name}\t${r.playerUrl}`).join('\n'), -1)}>
            ${this.copied === -1 ? t.copied : t.copyAll}</button>`
        : nothing}
    </div>`;
  }

  private suggestions(): string[] {
    const names = new Map<string, string>();
    for (const w of this.wards) names.set(wardKey(w), w);
    for (const [key] of this.official) if (!names.has(key)) names.set(key, key);
    return [...names.values()].sort((a, b) => a.localeCompare(b, 'vi'));
  }

  private switchTo(mode: Mode) {
    this.mode = mode;
    this.error = this.done = '';
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const wardCode = this.official.get(wardKey(field('ward'))) ?? null;
    const fields = {
      name: field('name'),
      ward: field('ward') || null,
      ...(wardCode ? { wardCode } : {}),
      locationKind: field('locationKind') as ScreenSettings['locationKind'],
      tags: field('tags').split(',').map((s) => s.trim()).filter(Boolean),
    };
    this.busy = true;
    this.error = this.done = '';
    try {
      let screen: ScreenSettings;
      if (this.mode === 'pair') {
        screen = (await api.claimPairing({ ...fields, code: field('code') })).screen;
        this.done = messages.screenAdd.paired(screen.name);
      } else {
        const created = await api.createScreen(fields);
        screen = created.screen;
        this.registered = [...this.registered, { name: screen.name, playerUrl: created.playerUrl }];
      }
      // Ward and location kind stay for the next screen of a batch.
      for (const name of ['code', 'name', 'tags']) {
        const input = form.elements.namedItem(name);
        if (input instanceof HTMLInputElement) input.value = '';
      }
      this.dispatchEvent(new CustomEvent<ScreenSettings>('screen-added', { detail: screen, bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }

  private async copy(text: string, index: number) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = index;
    } catch {
      // No clipboard (an insecure context): the link field selects itself on focus instead.
      this.copied = -2;
    }
  }
}

/** Ward names compare in NFC, without stray spaces. */
function wardKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-add': ScreenAdd;
  }
  interface HTMLElementEventMap {
    'screen-added': CustomEvent<ScreenSettings>;
  }
}
