import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/index.ts';
import { fitWarnings, warningText } from '../fit-warnings.ts';
import { editorMessages } from '../messages-editor.ts';
import { sizesToCheck, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';

/** Screens named per warning; the rest are counted. */
const NAMED = 5;

/**
 * Warnings, as the operator types, for screen sizes on which the item will not show whole at
 * once (the player's own plan, player/fit-plan.ts): a slogan too small scrolls as a ticker; the
 * parts of other kinds take turns, and a duration too short for every turn leaves some out.
 * Checks the chosen size, the common LED boards and every registered screen, and names the
 * screens affected, by ward. A warning never blocks saving.
 *
 * Each warning is an `li` with `data-size="192x96"`, `data-mode` (`ticker` | `pages`) and
 * `data-dropped` when something does not show at all.
 */
@customElement('bt-legibility-warnings')
export class LegibilityWarnings extends LitElement {
  static override styles = css`
    :host { display: block; }
    section { background: #fff6dc; border: 1px solid #e7c65a; border-radius: 8px; padding: 0.5rem 0.75rem; font-size: 0.85rem; color: #4d3800; }
    h5 { margin: 0 0 0.25rem; font-size: 0.85rem; }
    ul { margin: 0; padding-left: 1.1rem; display: grid; gap: 0.25rem; }
    li[data-dropped] { color: #7a1c00; }
    .screens { display: block; color: #6b5a2a; }
    .note { margin: 0.35rem 0 0; color: #6b5a2a; font-size: 0.8rem; }
  `;

  @property({ attribute: false }) item: ContentFields | null = null;
  @property({ attribute: false }) chosen!: Pick<PreviewProfile, 'width' | 'height'>;
  @property({ attribute: false }) screens: readonly ScreenSize[] = [];
  /** The library's media: a story's photo narrows its text. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];

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
    const hasPhoto = item.kind === 'story' && item.photo !== undefined && this.media.some((m) => m.id === item.photo);
    const warnings = fitWarnings(item, sizesToCheck(this.chosen, this.screens), Date.now(), { hasPhoto });
    if (warnings.length === 0) return nothing;
    return html`<section>
      <h5>${t.title}</h5>
      <ul>
        ${warnings.map((w) => html`<li data-size="${w.width}x${w.height}" data-mode=${w.mode} ?data-dropped=${w.dropped.length > 0}>${warningText(w)}
          ${w.screens.length ? html`<span class="screens">${t.screens(w.screens.slice(0, NAMED).map((s) => s.name).join(', '), w.screens.length - NAMED)}</span>` : nothing}</li>`)}
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
