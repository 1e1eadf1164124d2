import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/index.ts';
import { legibleAt } from '../../player/preview.ts';
import { editorMessages } from '../messages-editor.ts';
import { sizesToCheck, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';

/**
 * Warnings, as the operator types, for screen sizes on which the item's text cannot be legible
 * (the player's own rule, player/legibility.ts): such a screen scrolls it as a ticker instead.
 * Checks the chosen size, the smallest common LED board and every registered screen, and names
 * the screens affected. A warning never blocks saving.
 *
 * Each warning is an `li` with `data-size="192x96"`.
 */
/** Screens named per warning; the rest are counted. */
const NAMED = 5;

@customElement('bt-legibility-warnings')
export class LegibilityWarnings extends LitElement {
  static override styles = css`
    :host { display: block; }
    section { background: #fff6dc; border: 1px solid #e7c65a; border-radius: 8px; padding: 0.5rem 0.75rem; font-size: 0.85rem; color: #4d3800; }
    h5 { margin: 0 0 0.25rem; font-size: 0.85rem; }
    ul { margin: 0; padding-left: 1.1rem; display: grid; gap: 0.25rem; }
    .screens { display: block; color: #6b5a2a; }
    .note { margin: 0.35rem 0 0; color: #6b5a2a; font-size: 0.8rem; }
  `;

  @property({ attribute: false }) item: ContentFields | null = null;
  @property({ attribute: false }) chosen!: Pick<PreviewProfile, 'width' | 'height'>;
  @property({ attribute: false }) screens: readonly ScreenSize[] = [];

  // Text widths change when the bundled fonts finish loading.
  private readonly refresh = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    document.fonts?.addEventListener('loadingdone', this.refresh);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.fonts?.removeEventListener('loadingdone', this.refresh);
  }

  override render() {
    const item = this.item;
    if (!item || !this.chosen) return nothing;
    const t = editorMessages.legibility;
    const problems = sizesToCheck(this.chosen, this.screens).filter((size) => {
      const legibility = legibleAt(item, size.width, size.height);
      return legibility !== null && !legibility.ok;
    });
    if (problems.length === 0) return nothing;
    return html`<section>
      <h5>${t.title}</h5>
      <ul>
        ${problems.map((p) => html`<li data-size="${p.width}x${p.height}">${t.tooSmall(p.width, p.height)}
          ${p.screens.length ? html`<span class="screens">${t.screens(p.screens.slice(0, NAMED).join(', '), p.screens.length - NAMED)}</span>` : nothing}</li>`)}
      </ul>
      <p class="note">${t.noBlock}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-legibility-warnings': LegibilityWarnings;
  }
}
