/** The scale-out bus over Redis (README.md beside this file). */
export { BUS_VERSION, busKeys, type Announce, type Inbound, type Notice, type PublishedState } from './messages.ts';
export { ControlBus, type ControlBusOptions, type Published } from './control-bus.ts';
export { ControlCommits, type CommitOutcome } from './commits.ts';
export { GatewayBus, type GatewayChange } from './gateway-bus.ts';
export { Presence, type PresenceView } from './presence.ts';
export { StreamReader, type StreamEntry } from './stream-reader.ts';
export { publishedState } from './published-state.ts';
export { publishOnBus, type ControlOnBus } from './control.ts';
