import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { countdownStage, type ContentFields } from '../../playlists/player.ts';
import { keepDashes } from '../fit-text.ts';
import type { PagePart } from '../fit-plan.ts';
import { TimedPagedItem, pagedStyles, partText } from './paged.ts';
import { screenStyles } from './styles.ts';

export type CountdownItem = Extract<ContentFields, { kind: 'countdown' }> & { id?: string };

/**
 * A countdown to one event: its title, what is left (days, hours, "today", or the after text),
 * and the event's date and place. Re-evaluates at every minute of the player's corrected clock,
 * so the stage turns over at local midnight and at the event time. Where the lines cannot all be
 * legible together (a 192×96 board) they take turns within the item's slot (fit-plan.ts).
 */
@customElement('bt-countdown')
export class BtCountdown extends TimedPagedItem<CountdownItem> {
  static override styles = [
    screenStyles,
    pagedStyles,
    css`
      /* May wrap between number and unit: in portrait the unit goes under a bigger number. */
      .hero {
        margin: 0.1em 0;
        line-height: 1.2;
      }
      .number {
        font-size: 2.6em;
        font-weight: 800;
      }
      .today {
        font-size: 2em;
        font-weight: 800;
      }
      .after {
        margin: 0.15em 0;
        font-size: 1.2em;
        font-weight: 800;
      }
      .detail {
        font-size: 0.6em;
        font-weight: 400;
      }
    `,
  ];

  override render() {
    const item = this.item;
    const page = this.page;
    if (!item || !page) return nothing;
    const stage = countdownStage(item, this.at).stage;
    return html`<div class="fit-box">
      <div class="fit">${page.parts.map((p) => this.renderPart(p, stage))}</div>
    </div>`;
  }

  /** The parts as kind-parts.ts names them; the middle line's `data-stage` says which stage shows. */
  private renderPart(part: PagePart, stage: string) {
    switch (part.name) {
      case 'hero': {
        const space = part.text.indexOf(' ');
        return html`<span data-text data-part="hero" class="hero" data-stage=${stage}
          ><span data-text class="number accent">${part.text.slice(0, space)}</span> <span data-text class="unit">${part.text.slice(space + 1)}</span></span
        > `;
      }
      case 'today':
        return html`<span data-text data-part="today" class="hero today accent" data-stage="today">${part.text}</span> `;
      case 'after':
        return html`<span data-text data-part="after" class="after accent" data-stage=${stage}>${keepDashes(part.text)}</span> `;
      default:
        return partText(part);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-countdown': BtCountdown;
  }
}
