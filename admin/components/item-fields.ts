import { html, type TemplateResult } from 'lit';
import {
  MAX_DURATION_MS,
  MIN_DURATION_MS,
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  SLOGAN_MAX,
  TICKER_MAX_SPEED,
  TICKER_MIN_SPEED,
  TICKER_TEXT_MAX,
  type ContentFields,
} from '../../playlists/index.ts';
import { fromDateTimeInput, secondsToMs, toDateTimeInput } from '../item-form.ts';
import { editorMessages } from '../messages/editor.ts';
import { checkField, fieldError, numberField, textField, type FieldHost } from './form-controls.ts';
import './date-time-field.ts';
import type { DateTimeField } from './date-time-field.ts';
import './media-picker.ts';
import type { MediaPickDetail } from './media-picker.ts';

/**
 * The fields of each kind of content, as lit templates over a `FieldHost`. Field names are the
 * schema's (`text`, `title`, `qrUrl`, …) except `duration` and `speed`, typed in whole units.
 */

type Of<K extends ContentFields['kind']> = Extract<ContentFields, { kind: K }>;

/** The fields of the draft's kind. */
export function kindFields(host: FieldHost): TemplateResult {
  const d = host.draft;
  switch (d.kind) {
    case 'slogan':
      return slogan(host);
    case 'countdown':
      return countdown(host, d);
    case 'notice':
      return notice(host);
    case 'clock':
      return textField(host, 'caption', editorMessages.editor.caption, { max: 120 });
    case 'story':
      return story(host, d);
    case 'image':
      return image(host, d);
    case 'video':
      return video(host, d);
    case 'ticker':
      return ticker(host, d);
  }
}

/** Duration, theme and the validity window, common to every kind. */
export function commonFields(host: FieldHost): TemplateResult {
  const t = editorMessages.editor;
  const d = host.draft;
  const clipLength = d.kind === 'video' && d.playToEnd;
  return html`
    <div class="row">
      ${durationInput(host, clipLength)}
      <label class="grow">${t.theme}
        <select name="theme" @input=${(e: Event) => host.set({ theme: Number((e.target as HTMLSelectElement).value) })}>
          ${editorMessages.themes.map((label, i) => html`<option value=${i + 1} ?selected=${d.theme === i + 1}>${label}</option>`)}
        </select>
      </label>
    </div>
    <fieldset>
      <legend>${t.validityHint}</legend>
      <div class="row">
        ${instantField(host, 'validFrom', t.validFrom)}
        ${instantField(host, 'validUntil', t.validUntil)}
      </div>
    </fieldset>
  `;
}

/** The duration in seconds (named `duration` for the forms and their tests). */
function durationInput(host: FieldHost, disabled: boolean): TemplateResult {
  const t = editorMessages.editor;
  const ms = host.draft.durationMs;
  return html`<label>${t.duration}
    <input name="duration" type="number" min=${MIN_DURATION_MS / 1000} max=${MAX_DURATION_MS / 1000} step="1" ?disabled=${disabled}
      aria-invalid=${host.errors.has('durationMs') ? 'true' : 'false'}
      .value=${Number.isFinite(ms) ? String(ms / 1000) : ''}
      @input=${(e: Event) => host.set({ durationMs: secondsToMs((e.target as HTMLInputElement).value) })} />
    ${fieldError(host, 'durationMs')}</label>`;
}

function instantField(host: FieldHost, name: 'validFrom' | 'validUntil', label: string): TemplateResult {
  return html`<div class="field grow">
    <bt-date-time-field type="datetime-local" name=${name} label=${label} ?invalid=${host.errors.has(name)}
      .value=${toDateTimeInput(host.draft[name])}
      @input=${(e: Event) => host.set({ [name]: fromDateTimeInput((e.target as DateTimeField).value) })}></bt-date-time-field>
    ${fieldError(host, name)}</div>`;
}

function slogan(host: FieldHost): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${textField(host, 'text', t.text, { max: SLOGAN_MAX, rows: 2 })}
    ${textField(host, 'secondary', t.secondary, { max: SLOGAN_MAX })}
  `;
}

function countdown(host: FieldHost, d: Of<'countdown'>): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${textField(host, 'title', t.eventTitle, { max: 120 })}
    <div class="row">
      <div class="field"><bt-date-time-field type="date" name="eventDate" label=${t.eventDate} ?invalid=${host.errors.has('eventDate')}
        .value=${d.eventDate} @input=${(e: Event) => host.set({ eventDate: (e.target as DateTimeField).value })}></bt-date-time-field>
        ${fieldError(host, 'eventDate')}</div>
      <div class="field"><bt-date-time-field type="time" name="eventTime" label=${t.eventTime} ?invalid=${host.errors.has('eventTime')}
        .value=${d.eventTime ?? ''} @input=${(e: Event) => host.set({ eventTime: (e.target as DateTimeField).value || undefined })}></bt-date-time-field>
        ${fieldError(host, 'eventTime')}</div>
      ${textField(host, 'place', t.place, { max: 120, grow: true })}
    </div>
    ${checkField(host, 'annual', t.annual)}
    <div class="row">
      ${numberField(host, 'afterDays', t.afterDays, {
        min: 0, max: 60, value: d.afterDays, onInput: (v) => host.set({ afterDays: v === '' ? Number.NaN : Number(v) }),
      })}
      ${textField(host, 'afterText', t.afterText, { max: 160, grow: true })}
    </div>
  `;
}

function notice(host: FieldHost): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${textField(host, 'title', t.noticeTitle, { max: NOTICE_TITLE_MAX })}
    ${textField(host, 'body', t.noticeBody, { max: NOTICE_BODY_MAX, rows: 5 })}
    ${textField(host, 'source', t.source, { max: 160 })}
    ${textField(host, 'qrUrl', t.qrUrl, { max: 300, type: 'url', hint: t.qrHint })}
  `;
}

/** A medium from the library, chosen with the media library's picker. */
function mediaField(host: FieldHost, name: 'media' | 'photo', kind: 'image' | 'video', label: string, value: string | undefined): TemplateResult {
  const onChange = (e: Event) => {
    // The picker's own event; a native `change` from inside it must not count twice.
    if (!(e instanceof CustomEvent)) return;
    e.stopPropagation();
    host.set({ [name]: (e.detail as MediaPickDetail).id ?? undefined });
    host.commit();
  };
  return html`<div class="media-field" data-field=${name}>
    <span class="label">${label}</span>
    <bt-media-picker name=${name} kind=${kind} .value=${value ?? ''} @change=${onChange}></bt-media-picker>
    ${fieldError(host, name)}
  </div>`;
}

function story(host: FieldHost, d: Of<'story'>): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${mediaField(host, 'photo', 'image', t.storyPhoto, d.photo)}
    <div class="row">
      ${textField(host, 'name', t.storyName, { max: 80, grow: true })}
      ${textField(host, 'trade', t.storyTrade, { max: 80, grow: true })}
    </div>
    ${textField(host, 'school', t.storySchool, { max: 120 })}
    ${textField(host, 'outcome', t.storyOutcome, { max: 160 })}
    ${textField(host, 'quote', t.storyQuote, { max: 240, rows: 2 })}
    ${textField(host, 'qrUrl', t.qrUrl, { max: 300, type: 'url', hint: t.qrHint })}
  `;
}

function image(host: FieldHost, d: Of<'image'>): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${mediaField(host, 'media', 'image', t.image, d.media)}
    <fieldset>
      <legend>${t.fit}</legend>
      ${(['contain', 'cover'] as const).map((fit) => html`<label class="check"><input type="radio" name="fit" value=${fit}
        .checked=${d.fit === fit} @input=${() => host.set({ fit })} /> ${t.fits[fit]}</label>`)}
    </fieldset>
    ${textField(host, 'caption', t.caption, { max: 160 })}
  `;
}

function video(host: FieldHost, d: Of<'video'>): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${mediaField(host, 'media', 'video', t.video, d.media)}
    ${checkField(host, 'playToEnd', t.playToEnd, t.playToEndHint)}
  `;
}

function ticker(host: FieldHost, d: Of<'ticker'>): TemplateResult {
  const t = editorMessages.editor;
  return html`
    ${textField(host, 'text', t.tickerText, { max: TICKER_TEXT_MAX, rows: 2 })}
    ${numberField(host, 'speedPxPerSec', t.speed, {
      min: TICKER_MIN_SPEED, max: TICKER_MAX_SPEED, step: 10, value: d.speedPxPerSec,
      onInput: (v) => host.set({ speedPxPerSec: v === '' ? Number.NaN : Number(v) }),
    })}
  `;
}
