import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MINUTE_MS, formatLocalDate, formatLocalTime } from '../../playlists/player.ts';
import { FitController, fitText } from '../fit-text.ts';
import { screenStyles } from './styles.ts';

/** Longest wait between checks, so a corrected clock that moves is followed within seconds. */
const MAX_WAIT_MS = 10_000;

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
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private minute = '';
  @state() private day = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A reconnected element needs its timer back; the first connect is covered by willUpdate.
    if (this.hasUpdated) this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('now') || !this.hasUpdated) this.tick();
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
  private read(): number {
    const at = this.now();
    this.minute = formatLocalTime(at);
    this.day = formatLocalDate(at);
    return at;
  }

  private tick(): void {
    clearTimeout(this.timer);
    const at = this.read();
    // An element removed before its first update still gets it: no timer then, or it would
    // tick for the life of the page, holding the detached element (found by the soak test).
    if (!this.isConnected) return;
    const wait = MINUTE_MS - (((at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
    this.timer = setTimeout(() => this.tick(), Math.min(wait + 20, MAX_WAIT_MS));
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
