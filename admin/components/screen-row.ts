import { html, nothing } from 'lit';
import { COMMAND_ACTIONS, formatLocalDate, formatLocalTime, parseInstant, type CommandAction, type ScreenStatus } from '../../playlists/index.ts';
import { formatBytes, formatDuration } from '../format.ts';
import { cacheDetails, cacheTitle } from '../cache-status.ts';
import { messages } from '../messages/index.ts';
import { tokenMessages } from '../messages/tokens.ts';
import { layoutMessages } from '../messages/layout.ts';
import { hoursMessages } from '../messages/hours.ts';

/** The grid columns of the screens table; the header and every row share them. */
export const SCREEN_COLUMNS = 'minmax(9rem, 2fr) minmax(7rem, 1.2fr) minmax(8rem, 1.3fr) minmax(7rem, 1fr) minmax(8rem, 1.2fr) minmax(8rem, 1.4fr)';
/**
 * With the actions column. It is as wide as its widest content (the command menu and the
 * dialog buttons), so no action is cut off by its cell at any width (issue 12, item 2).
 */
export const SCREEN_COLUMNS_MANAGE = `${SCREEN_COLUMNS} minmax(24rem, 1.6fr)`;
/** The ward operator's actions column: its screen's details and operating hours. */
export const SCREEN_COLUMNS_HOURS = `${SCREEN_COLUMNS} minmax(9.5rem, 0.8fr)`;

/** Sends a remote action to a screen (admins only). */
export type SendCommand = (screen: ScreenStatus, action: CommandAction) => void;
/** Opens the token dialog (rotate, revoke) for a screen (admins only). */
export type ManageToken = (screen: ScreenStatus) => void;
/** Opens the layout dialog (canvas, ticker strip, theme) for a screen (admins only). */
export type OpenLayout = (screen: ScreenStatus) => void;
/** Opens the operating-hours dialog for a screen (admins, and a ward operator for its ward's). */
export type OpenHours = (screen: ScreenStatus) => void;
/** Opens the manage dialog (name, ward, location kind, tags) for a screen. */
export type OpenManage = (screen: ScreenStatus) => void;
/** Opens the preview of what a screen is showing now. */
export type OpenNow = (screen: ScreenStatus) => void;
/** Names the content item a screen reported it is showing (null when unknown). */
export type ItemName = (itemId: string) => string | null;

/** What a row can do and show besides the screen's own status; null where not allowed. */
export interface RowActions {
  send: SendCommand | null;
  token: ManageToken | null;
  layout: OpenLayout | null;
  hours: OpenHours | null;
  manage: OpenManage | null;
  itemName: ItemName;
  now: OpenNow | null;
}

/** Every row has this height, so the list can render only the rows in view. */
export const ROW_HEIGHT = 64;

const stamp = (ms: number) => `${formatLocalTime(ms)} ${formatLocalDate(ms)}`;

/** One screen as a row of the fleet table; `now` is the page's clock, for "how long ago". */
export function renderScreenRow(s: ScreenStatus, now: number, index: number, actions: RowActions) {
  const t = messages.fleet;
  const seen = s.lastSeenAt ? parseInstant(s.lastSeenAt) : null;
  const connectedAt = s.connectedAt ? parseInstant(s.connectedAt) : null;
  const device = s.device;
  // Offline outside its operating hours is expected, not an alarm (server/fleet.ts).
  const closed = s.state === 'offline' && !s.open && !s.alert;
  const details = [
    ...cacheDetails(device),
    device?.memory ? t.memory(formatBytes(device.memory.usedBytes)) : nothing,
    device?.plays.queued ? t.queued(device.plays.queued) : nothing,
    device?.plays.dropped ? html`<span class="warn">${t.dropped(device.plays.dropped)}</span>` : nothing,
  ].filter((d) => d !== nothing);
  return html`<div class="row ${s.alert ? 'alerted' : ''}" role="row" aria-rowindex=${index + 2}
    data-screen-id=${s.id} data-state=${s.state} data-connected=${s.connected} data-version=${s.manifestVersion ?? ''}
    data-alert=${s.alert ? 'true' : 'false'} data-open=${s.open ? 'true' : 'false'}>
    <div role="cell">
      <strong title=${s.name}>${s.name}</strong>
      <small>${messages.locationKinds[s.locationKind] ?? s.locationKind}${s.tags.length ? ` · ${s.tags.join(', ')}` : ''}</small>
    </div>
    <div role="cell" title=${s.ward ?? ''}>${s.ward ?? '—'}</div>
    <div role="cell">
      <span><span class="dot ${closed ? 'closed' : s.state}"></span>${closed ? hoursMessages.closed : t.states[s.state]}</span>
      ${s.alert
        ? html`<small class="warn">⚠ ${t.offlineFor(formatDuration(now - parseInstant(s.alert.since)))}</small>`
        : s.state === 'online' && !s.connected && seen !== null
          ? html`<small>${t.reconnecting(formatDuration(now - seen))}</small>`
          : nothing}
    </div>
    <div role="cell" title=${seen ? stamp(seen) : ''}>
      ${connectedAt !== null
        ? html`<span>${t.connectedFor(formatDuration(now - connectedAt))}</span>`
        : seen !== null
          ? html`<span>${t.ago(formatDuration(now - seen))}</span><small>${stamp(seen)}</small>`
          : '—'}
    </div>
    ${renderContent(s, actions.itemName, actions.now)}
    <div role="cell" title=${deviceTitle(s)}>
      <span>${s.viewport ? `${s.viewport.width}×${s.viewport.height}` : '—'}${s.playerVersion ? html` <small class="inline">v${s.playerVersion}</small>` : nothing}</span>
      <small>${details.map((d, i) => html`${i ? ' · ' : ''}${d}`)}</small>
    </div>
    ${actions.send || actions.hours || actions.manage ? renderCommands(s, actions) : nothing}
  </div>`;
}

/** Whether it runs the current content, and what it reported showing now (while connected). */
function renderContent(s: ScreenStatus, itemName: ItemName, now: OpenNow | null) {
  const t = messages.fleet;
  const playing = s.connected && s.playing ? s.playing : null;
  const name = playing ? itemName(playing.itemId) ?? t.unknownItem : null;
  return html`<div role="cell" title=${s.manifestVersion ? t.versionTitle(s.manifestVersion.slice(0, 8)) : ''}>
    ${s.manifestVersion
      ? html`<span class="badge ${s.sync === 'current' ? 'published' : 'changed'}">${s.sync === 'current' ? messages.screens.current : messages.screens.behind}</span>`
      : html`<span>${messages.screens.none}</span>`}
    ${playing
      ? now
        ? html`<button class="playing" data-action="now" data-playing=${playing.itemId} aria-label=${t.nowOpen(s.name)}
            title=${t.playingSince(name!, formatLocalTime(parseInstant(playing.since)))} @click=${() => now(s)}>▶ ${name}</button>`
        : html`<small class="playing" data-playing=${playing.itemId} title=${t.playingSince(name!, formatLocalTime(parseInstant(playing.since)))}>▶ ${name}</small>`
      : s.manifestVersion ? html`<small><code>${s.manifestVersion.slice(0, 8)}</code></small>` : nothing}
  </div>`;
}

/** A menu of remote actions (connected screens only) and how the last one went. */
function renderCommands(s: ScreenStatus, { send, token, layout, hours, manage }: RowActions) {
  const t = messages.fleet;
  const pick = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const action = select.value as CommandAction;
    select.value = '';
    if (action) send?.(s, action);
  };
  return html`<div role="cell" class="actions">
    <span class="command-line">
      ${send
        ? html`<select name="command" aria-label=${t.commandLabel(s.name)} ?disabled=${!s.connected} @change=${pick}>
            <option value="">${t.commandPick}</option>
            ${COMMAND_ACTIONS.map((a) => html`<option value=${a}>${t.actions[a]}</option>`)}
          </select>`
        : nothing}
      ${token
        ? html`<button class="token" data-action="token" title=${tokenMessages.openLabel(s.name)} aria-label=${tokenMessages.openLabel(s.name)} @click=${() => token(s)}>${tokenMessages.short}</button>`
        : nothing}
      ${layout
        ? html`<button class="token" data-action="layout" title=${layoutMessages.openLabel(s.name)} aria-label=${layoutMessages.openLabel(s.name)} @click=${() => layout(s)}>${layoutMessages.short}</button>`
        : nothing}
      ${manage
        ? html`<button class="token" data-action="manage" title=${t.manageLabel(s.name)} aria-label=${t.manageLabel(s.name)} @click=${() => manage(s)}>${t.manageShort}</button>`
        : nothing}
      ${hours
        ? html`<button class="token" data-action="hours" title=${hoursMessages.openLabel(s.name)} aria-label=${hoursMessages.openLabel(s.name)} @click=${() => hours(s)}>${hoursMessages.short}</button>`
        : nothing}
    </span>
    ${s.command
      ? html`<small data-command-state=${s.command.state} title=${s.command.error ?? ''}>${t.actionsShort[s.command.action]}: ${t.commandStates[s.command.state]}</small>`
      : nothing}
  </div>`;
}

/** Everything the device cell abbreviates, for its tooltip. */
function deviceTitle(s: ScreenStatus): string {
  const t = messages.fleet;
  const d = s.device;
  if (!d) return '';
  return [
    ...cacheTitle(d),
    d.storage ? `${formatBytes(d.storage.usageBytes)} / ${formatBytes(d.storage.quotaBytes)}` : null,
    d.memory ? t.memory(`${formatBytes(d.memory.usedBytes)} / ${formatBytes(d.memory.limitBytes)}`) : null,
    t.queued(d.plays.queued),
    d.plays.dropped ? t.dropped(d.plays.dropped) : null,
  ].filter(Boolean).join('\n');
}
