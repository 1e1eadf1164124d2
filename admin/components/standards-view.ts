import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Role, SessionWard } from '../../playlists/index.ts';
import { mayIngestCap, mayManageCapSources } from '../access.ts';
import { standardsMessages } from '../messages/standards.ts';
import './cap-panel.ts';
import './share-panel.ts';

/**
 * The interoperability view (issue 17): bangtin and the public systems around it — CAP alerts in (for those
 * who may read them), the schedules as iCalendar and the playlists on web portals (everyone's).
 */
@customElement('bt-standards-view')
export class StandardsView extends LitElement {
  static override styles = css`
    :host { display: block; }
  `;

  @property({ attribute: false }) userRole: Role = 'viewer';
  @property({ attribute: false }) ward: SessionWard | null = null;

  override render() {
    return html`
      <h2>${standardsMessages.title}</h2>
      ${mayIngestCap(this.userRole) ? html`<bt-cap-panel ?can-manage=${mayManageCapSources(this.userRole)}></bt-cap-panel>` : nothing}
      <bt-share-panel .ward=${this.ward}></bt-share-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-standards-view': StandardsView;
  }
}
