import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatLocalDate, formatLocalTime } from '../../playlists/player.ts';
import { FitController, fitText } from '../fit-text.ts';
import { TickController, systemNow } from '../tick.ts';
import { screenStyles } from './styles.ts';

/**
 * What a screen shows with nothing to play: the local time (HH:MM) and date (dd/mm/yyyy) in
 * Asia/Ho_Chi_Minh, never a black or empty screen.
 */
@customElement('bt-idle')
export class BtIdle extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .time {
        font-weight: 800;
        line-height: 1.15;
      }
      .date {
        font-size: 0.32em;
      }
    `,
  ];

  /** The player's corrected clock. */
  @property({ attribute: false }) now: () => number = systemNow;

  @state() private minute = '';
  @state() private day = '';

  constructor() {
    super();
    new FitController(this, () => this.fit());
    // The page's one minute tick (tick.ts); it looks at the clock every few seconds, so a
    // corrected clock that moves is followed within seconds.
    new TickController(this, () => this.now, () => this.read());
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('now') || !this.hasUpdated) this.read();
  }

  override render() {
    return html`<div class="fit-box">
      <div class="fit">
        <span data-text class="time">${this.minute}</span>
        <span data-text class="date accent">${this.day}</span>
      </div>
    </div>`;
  }

  /** Only a changed minute or day re-renders (and re-fits). */
  private read(): void {
    const at = this.now();
    this.minute = formatLocalTime(at);
    this.day = formatLocalDate(at);
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-idle': BtIdle;
  }
}
