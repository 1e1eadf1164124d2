import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/player.ts';
import { innerBox } from '../legibility.ts';
import { messages } from '../messages.ts';
import { noticeLayout, type QrPlacement } from '../notice-layout.ts';
import { PagedItem, pagedStyles, partText } from './paged.ts';
import './qr-code.ts';
import { screenStyles } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';
import { withScreenLink } from '../short-link-item.ts';

export type NoticeItem = Extract<ContentFields, { kind: 'notice' }> & { id?: string };

/**
 * A policy announcement (content kind `notice`): a title, a body of up to a few sentences and
 * an optional source line, fitted together like a slogan. Where they cannot all be legible
 * together (a small LED board) they take turns within the item's slot — the title first, then
 * the body, split over pages if need be, then the source (fit-plan.ts) — never shrinking under
 * the legible size. With a `qrUrl` the portal's QR code stands beside the text (landscape) or
 * below it (portrait), whole px per module, and is left out where a module would be under 2 px
 * (notice-layout.ts). (`bt-notice` is the player's own service notice, not content.)
 */
@customElement('bt-policy-notice')
export class BtPolicyNotice extends PagedItem<NoticeItem> {
  static override styles = [
    screenStyles,
    pagedStyles,
    css`
      .layout {
        display: flex;
        width: 100%;
        height: 100%;
        align-items: center;
        justify-content: space-between;
      }
      .layout.below {
        flex-direction: column;
      }
      .layout > .fit-box {
        flex: none;
      }
      .title {
        font-weight: 800;
      }
      .body {
        margin-top: 0.6em;
        font-size: 0.5em;
        font-weight: 400;
        line-height: 1.4;
        /* Long prose reads better ragged than centred. */
        text-align: left;
      }
      .source {
        margin-top: 0.8em;
        font-size: 0.4em;
        font-weight: 400;
        font-style: italic;
        opacity: 0.85;
      }
    `,
  ];

  /** The screen's id: the QR code then points at its short link, counted per screen. */
  @property({ attribute: false }) screenId: string | null = null;

  /** The item as shown: its QR address is this screen's short link. */
  private shown: NoticeItem | null = null;
  private layout: { text: { width: number; height: number }; qr: QrPlacement | null } | null = null;

  protected override shownItem(): NoticeItem | null {
    return (this.shown = this.item && withScreenLink(this.item, this.screenId));
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const item = this.shown;
    const { width, height } = this.box;
    const inner = innerBox(width, height);
    this.layout = item && width > 0 ? noticeLayout(inner.width, inner.height, item.qrUrl ?? null) : null;
  }

  override render() {
    const item = this.shown;
    if (!item) return nothing;
    const layout = this.layout;
    const page = this.page;
    if (!layout || !page) return html`<div class="fit-box"></div>`;
    const qr = layout.qr;
    return html`<div class="layout ${qr?.place ?? ''}">
      <div class="fit-box" style=${inlineStyle({ width: `${layout.text.width}px`, height: `${layout.text.height}px` })}>
        <div class="fit">${page.parts.map((p) => partText(p, p.name === 'title' ? 'accent' : ''))}</div>
      </div>
      ${qr && item.qrUrl
        ? html`<bt-qr .url=${item.qrUrl} .modulePx=${qr.modulePx} .label=${messages.notice.qrLabel}></bt-qr>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-policy-notice': BtPolicyNotice;
  }
}
