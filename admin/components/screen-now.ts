import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatLocalTime, parseInstant, type ContentEntry, type MediaInfo, type ScreenStatus } from '../../playlists/index.ts';
import { messages } from '../messages/index.ts';
import { screenSizes, type PreviewProfile } from '../preview-profiles.ts';
import './item-preview.ts';
import { ScreenDialog, dialogStyles } from './modal-dialog.ts';

const t = messages.fleet;

/**
 * What a screen is showing now (issue 12, item 11): the item it last reported, drawn by the
 * player's own renderers at the size of the screen's main zone, in its theme. The list passes the
 * screen's latest status, so the preview follows the screen while the dialog is open.
 *
 * @fires now-closed - the dialog was closed; the list clears `screen`
 */
@customElement('bt-screen-now')
export class ScreenNowDialog extends ScreenDialog {
  static override styles = [
    dialogStyles,
    css`
      dialog { width: min(48rem, 92vw); }
      .note { font-size: 0.85rem; color: #6b4d00; background: #fff1c2; padding: 0.3rem 0.5rem; border-radius: 6px; }
      bt-item-preview { margin-bottom: 0.75rem; }
    `,
  ];

  /** The content library by item id (what the dashboard loaded for its names). */
  @property({ attribute: false }) items: ReadonlyMap<string, ContentEntry> = new Map();
  @property({ attribute: false }) media: readonly MediaInfo[] = [];

  protected readonly closedEvent = 'now-closed';
  protected readonly text = { title: t.nowTitle, explain: t.nowExplain };

  protected opening(): void {}

  protected renderBody(screen: ScreenStatus | null) {
    const close = html`<div class="actions"><button class="primary" @click=${() => this.close()}>${t.nowClose}</button></div>`;
    const playing = screen?.connected ? screen.playing : null;
    if (!screen || !playing) return html`<p>${t.nowNothing}</p>${close}`;
    const entry = this.items.get(playing.itemId);
    const since = html`<p>${t.nowSince(formatLocalTime(parseInstant(playing.since)))}</p>`;
    if (!entry) return html`${since}<p class="note">${t.nowUnknown}</p>${close}`;
    return html`${since}
      <bt-item-preview data-item-id=${playing.itemId} .item=${entry.item} .profile=${profileOf(screen)} .media=${this.media}></bt-item-preview>
      ${entry.state === 'published' ? nothing : html`<p class="note">${t.nowEdited}</p>`}
      ${close}`;
  }
}

/** The screen's main zone as a preview size (its canvas or reported viewport, less the strip). */
function profileOf(screen: ScreenStatus): PreviewProfile {
  const size = screenSizes([screen])[0] ?? { width: 1920, height: 1080, theme: screen.theme ?? 'outdoor' };
  return { id: `screen:${screen.id}`, label: screen.name, width: size.width, height: size.height, theme: size.theme };
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-now': ScreenNowDialog;
  }
}
