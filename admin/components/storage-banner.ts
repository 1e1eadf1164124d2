import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { HEALTH_POLL_MS, storageNotice } from '../storage-notice.ts';

/**
 * A banner across the dashboard while the server cannot save (a full or read-only disk), or
 * cannot reach the gateways' Redis (scale-out: publishing does not reach screens then): it
 * asks `/healthz` now and every `HEALTH_POLL_MS`, and goes away once the server saves again.
 */
@customElement('bt-storage-banner')
export class StorageBanner extends LitElement {
  static override styles = css`
    :host { display: block; }
    p {
      margin: 0; padding: 0.75rem 1.5rem; background: #8a1020; color: #fff;
      font-family: 'Be Vietnam Pro', 'Noto Sans', system-ui, sans-serif; font-weight: 600;
    }
  `;

  @state() private notice: string | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.check();
    this.#timer = setInterval(() => void this.check(), HEALTH_POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  private async check() {
    try {
      const res = await fetch('/healthz', { cache: 'no-store' });
      this.notice = storageNotice(await res.json());
    } catch {
      // No answer: the banner stays as it was; sign-in and the fleet view show an unreachable server.
    }
  }

  override render() {
    return this.notice ? html`<p role="alert" data-storage-banner>${this.notice}</p>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-storage-banner': StorageBanner;
  }
}
