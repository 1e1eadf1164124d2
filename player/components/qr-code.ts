import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { QUIET_MODULES } from '../notice-layout.ts';
import { qrCode } from '../qr-encode.ts';
import { inlineStyle } from '../inline-style.ts';

/**
 * A QR code drawn locally (lean-qr): dark modules on white with a quiet zone of 4 modules,
 * one canvas pixel per module, scaled by a whole number of px per module with
 * `image-rendering: pixelated`, so every module is a crisp square. `data-module-px` on the host
 * is the px size of one module.
 */
@customElement('bt-qr')
export class BtQr extends LitElement {
  static override styles = css`
    :host {
      display: block;
      flex: none;
      line-height: 0;
    }
    canvas {
      image-rendering: pixelated;
      image-rendering: crisp-edges;
    }
  `;

  @property() url = '';
  /** Px per module, a whole number ≥ 2 (notice-layout.ts decides it). */
  @property({ attribute: false }) modulePx = 2;
  /** Accessible name of the code. */
  @property() label = '';

  override render() {
    const modules = this.url ? qrCode(this.url).size + 2 * QUIET_MODULES : 0;
    const side = modules * this.modulePx;
    return html`<canvas role="img" aria-label=${this.label} style=${inlineStyle({ width: `${side}px`, height: `${side}px` })}></canvas>`;
  }

  override updated(changed: PropertyValues<this>): void {
    this.setAttribute('data-module-px', String(this.modulePx));
    if (!changed.has('url')) return;
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas && this.url) qrCode(this.url).toCanvas(canvas, { on: [0, 0, 0], off: [255, 255, 255], pad: QUIET_MODULES });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-qr': BtQr;
  }
}
