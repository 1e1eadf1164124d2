import { LitElement, html, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { editorMessages } from '../messages/editor.ts';
import { DEFAULT_PROFILE_ID, type PreviewProfile } from '../preview-profiles.ts';
import { controls } from './styles.ts';

/** Where the preview size the operator chose is remembered. */
const PROFILE_KEY = 'bangtin.admin.previewProfile';

/** The preview size chosen last time in this browser. */
export const rememberedProfileId = (): string => localStorage.getItem(PROFILE_KEY) ?? DEFAULT_PROFILE_ID;

/**
 * The preview size for every item: a common board size or a registered screen; remembered in
 * this browser.
 * @fires profile-change - detail: the chosen profile's id
 */
@customElement('bt-profile-choice')
export class ProfileChoice extends LitElement {
  static override styles = [
    controls,
    css`
      label { display: flex; flex-direction: row; gap: 0.5rem; align-items: center; }
      select { max-width: 22rem; }
    `,
  ];

  @property({ attribute: false }) profiles: readonly PreviewProfile[] = [];
  @property({ attribute: false }) chosen = DEFAULT_PROFILE_ID;

  override render() {
    const t = editorMessages.preview;
    const group = (common: boolean) => this.profiles.filter((p) => p.id.startsWith('screen:') !== common)
      .map((p) => html`<option value=${p.id} ?selected=${p.id === this.chosen}>${p.label}</option>`);
    const registered = group(false);
    return html`<label>${t.profile}
      <select name="profile" @change=${this.pick}>
        <optgroup label=${t.builtIn}>${group(true)}</optgroup>
        ${registered.length ? html`<optgroup label=${t.registered}>${registered}</optgroup>` : nothing}
      </select>
    </label>`;
  }

  private pick(e: Event) {
    const id = (e.target as HTMLSelectElement).value;
    localStorage.setItem(PROFILE_KEY, id);
    this.dispatchEvent(new CustomEvent('profile-change', { detail: id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-profile-choice': ProfileChoice;
  }
}
