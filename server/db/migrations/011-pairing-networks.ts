/**
 * Migration 11: which address and network asked for each pairing code (issue 11). Caps on waiting codes per address and per /24 or /64 count these rows, so
 * they hold across a restart. Rows from before have neither and count for nobody.
 */
export const PAIRING_NETWORKS_MIGRATION = `
  ALTER TABLE pairings ADD COLUMN address_key TEXT;
  ALTER TABLE pairings ADD COLUMN network_key TEXT;
  CREATE INDEX pairings_address ON pairings(address_key, expires_at);
  CREATE INDEX pairings_network ON pairings(network_key, expires_at);
`;
