import { css, html, nothing, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ScreenStatus } from '../../playlists/index.ts';
import { ApiError, api } from '../api.ts';
import {
  LAYOUT_PRESETS,
  applyPreset,
  diagramOf,
  editField,
  fieldsOfIssues,
  formOf,
  layoutOfForm,
  type LayoutField,
  type LayoutFormState,
  type LayoutPresetId,
} from '../layout-form.ts';
import { layoutMessages as t } from '../messages/layout.ts';
import { ScreenDialog, dialogStyles } from './modal-dialog.ts';

const PRESETS: LayoutPresetId[] = ['full', ...(Object.keys(LAYOUT_PRESETS) as LayoutPresetId[]), 'custom'];
const RECT_FIELDS = ['x', 'y', 'width', 'height'] as const;

/**
 * A screen's layout in a modal dialog, for operators who are not programmers: a preset size
 * (whole screen, common LED boards) or the canvas rectangle by hand, a ticker strip at the top
 * or bottom, the theme, and a to-scale diagram of the canvas within the screen's output.
 * Checks with the server's own schema as you type; a connected screen follows on save.
 *
 * @fires layout-closed - the dialog was closed; the list clears `screen`
 */
@customElement('bt-screen-layout')
export class ScreenLayoutDialog extends ScreenDialog {
  static override styles = [
    dialogStyles,
    css`
      dialog { width: min(44rem, 92vw); }
      .warn { color: #6b4d00; background: #fff1c2; padding: 0.4rem 0.6rem; border-radius: 6px; font-size: 0.9rem; }
      .body { display: grid; grid-template-columns: minmax(0, 1fr) 15rem; gap: 1rem 1.5rem; align-items: start; }
      .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem 0.75rem; margin-top: 0.5rem; }
      input[type='number'] { width: 100%; }
      figure { margin: 0; }
      svg { width: 100%; height: auto; display: block; border-radius: 4px; }
      figcaption { font-size: 0.8rem; color: #5b6571; margin-top: 0.35rem; }
      .actions { margin-top: 0.5rem; }
      @media (max-width: 40rem) { .body { grid-template-columns: 1fr; } }
    `,
  ];

  protected readonly closedEvent = 'layout-closed';
  protected readonly text = t;
  @state() private form: LayoutFormState | null = null;
  /** Fields the server refused on the last save (the form checks the rest as you type). */
  @state() private refused: LayoutField[] = [];

  protected opening(screen: ScreenStatus): void {
    this.form = formOf(screen);
    this.refused = [];
  }

  private change(form: LayoutFormState) {
    this.form = form;
    this.refused = [];
  }

  private saveLayout() {
    const screen = this.screen;
    const check = this.form && layoutOfForm(this.form);
    if (!screen || !check?.ok) return;
    void this.save(() => api.setLayout(screen.id, check.layout), (e) => {
      if (e instanceof ApiError) this.refused = fieldsOfIssues(e.issues);
    });
  }

  protected override onClosed(): void {
    this.form = null;
  }

  protected renderBody(screen: ScreenStatus | null) {
    return this.form && screen ? this.renderForm(this.form, screen) : nothing;
  }

  private renderForm(form: LayoutFormState, screen: ScreenStatus) {
    const check = layoutOfForm(form);
    const bad = new Set([...(check.ok ? [] : check.fields), ...this.refused]);
    const diagram = diagramOf(form, screen.viewport);
    const full = form.preset === 'full';
    const number = (field: (typeof RECT_FIELDS)[number] | 'stripHeight', disabled = false) =>
      html`<label>${t.fields[field]}
        <input type="number" name=${field} min="0" step="1" inputmode="numeric" .value=${Number.isFinite(form[field]) ? String(form[field]) : ''}
          ?disabled=${disabled} aria-invalid=${bad.has(field) ? 'true' : 'false'}
          @input=${(e: Event) => this.change(editField(form, field, (e.target as HTMLInputElement).value))} />
        ${bad.has(field) && !disabled ? html`<span class="field-error" role="alert">${t.issues[field]}</span>` : nothing}
      </label>`;
    return html`<div class="body">
        <div>
          <fieldset>
            <legend>${t.canvas}</legend>
            <label>${t.presets}
              <select name="preset" @change=${(e: Event) =>
                this.change(applyPreset(form, (e.target as HTMLSelectElement).value as LayoutPresetId, screen.viewport ?? undefined))}>
                ${PRESETS.map((p) => html`<option value=${p} ?selected=${form.preset === p}>${t.presetNames[p]}</option>`)}
              </select>
            </label>
            <div class="grid">${RECT_FIELDS.map((f) => number(f, full))}</div>
          </fieldset>
          <fieldset>
            <legend>${t.strip}</legend>
            <div class="choices" role="radiogroup" aria-label=${t.strip}>
              ${(['none', 'top', 'bottom'] as const).map((s) => this.radio('strip', s, t.stripOptions[s], form.strip === s, form))}
            </div>
            ${form.strip === 'none' ? nothing : html`<div class="grid">${number('stripHeight')}</div>`}
            <p class="hint">${t.stripHint}</p>
          </fieldset>
          <fieldset>
            <legend>${t.theme}</legend>
            <div class="choices" role="radiogroup" aria-label=${t.theme}>
              ${(['outdoor', 'indoor'] as const).map((th) => this.radio('theme', th, t.themeOptions[th], form.theme === th, form))}
            </div>
          </fieldset>
        </div>
        <figure>
          ${this.renderDiagram(diagram, form.theme)}
          <figcaption>
            ${t.output(diagram.output.width, diagram.output.height)}<br />
            ${screen.viewport ? t.reported(screen.viewport.width, screen.viewport.height) : t.notReported}
          </figcaption>
          ${diagram.outside ? html`<p class="warn" role="status">${t.outsideViewport}</p>` : nothing}
        </figure>
      </div>
      <div class="actions">
        <button @click=${() => this.close()}>${t.cancel}</button>
        <button class="primary" data-action="save-layout" ?disabled=${!check.ok || this.busy} @click=${() => this.saveLayout()}>
          ${this.busy ? t.saving : t.save}
        </button>
      </div>`;
  }

  private radio(field: 'strip' | 'theme', value: string, label: string, checked: boolean, form: LayoutFormState) {
    return html`<label><input type="radio" name=${field} value=${value} .checked=${checked}
      @change=${() => this.change(editField(form, field, value))} />${label}</label>`;
  }

  /** The output, the canvas in the theme's ground and the strip, in output pixels (to scale). */
  private renderDiagram(d: ReturnType<typeof diagramOf>, theme: LayoutFormState['theme']) {
    const { output, canvas, strip } = d;
    // Outlines stay visible at any scale: about 2 px at the drawing's usual width.
    const line = Math.max(1, Math.round(output.width / 120));
    const ground = theme === 'indoor' ? '#f6f3ec' : '#000';
    return html`<svg viewBox="0 0 ${output.width} ${output.height}" role="img" aria-label=${t.diagram(output.width, output.height)}
      data-canvas=${`${canvas.x},${canvas.y},${canvas.width},${canvas.height}`}>
      ${svg`<rect x="0" y="0" width=${output.width} height=${output.height} fill="#3d4550"></rect>
        <rect class="canvas" x=${canvas.x} y=${canvas.y} width=${canvas.width} height=${canvas.height} fill=${ground}
          stroke="#ffd400" stroke-width=${line}></rect>
        ${strip
          ? svg`<rect class="strip" x=${strip.x} y=${strip.y} width=${strip.width} height=${strip.height} fill="#0b5cad" fill-opacity="0.85"></rect>`
          : nothing}`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-layout': ScreenLayoutDialog;
  }
  interface HTMLElementEventMap {
    'layout-closed': CustomEvent<void>;
  }
}
