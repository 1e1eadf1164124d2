import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/player.ts';
import type { PagePart } from '../fit-plan.ts';
import { TimedPagedItem, pagedStyles, partText } from './paged.ts';
import { screenStyles } from './styles.ts';

export type ClockItem = Extract<ContentFields, { kind: 'clock' }> & { id?: string };

/**
 * The time, weekday and date in Asia/Ho_Chi_Minh from the player's corrected clock, with an
 * optional caption. Re-renders on every minute boundary of corrected time. Where the caption
 * cannot be legible beside the time and date, they take turns (fit-plan.ts).
 */
@customElement('bt-clock')
export class BtClock extends TimedPagedItem<ClockItem> {
  static override styles = [
    screenStyles,
    pagedStyles,
    css`
      .time {
        font-size: 2.4em;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .date {
        font-weight: 700;
      }
      .caption {
        margin-top: 0.4em;
        font-size: 0.55em;
        font-weight: 400;
      }
    `,
  ];

  override render() {
    const page = this.page;
    if (!this.item || !page) return nothing;
    return html`<div class="fit-box">
      <div class="fit">${page.parts.map((p) => this.renderPart(p))}</div>
    </div>`;
  }

  /** The parts as kind-parts.ts names them: the date's weekday and date never break inside. */
  private renderPart(part: PagePart) {
    if (part.name === 'time') return partText(part, 'accent');
    if (part.name !== 'date') return partText(part);
    const comma = part.text.indexOf(', ');
    return html`<span data-text data-part="date" class="date"><span class="nobr">${part.text.slice(0, comma + 1)}</span> <span class="nobr">${part.text.slice(comma + 2)}</span></span> `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-clock': BtClock;
  }
}
