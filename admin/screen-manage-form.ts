import type { ScreenStatus } from '../playlists/index.ts';

type LocationKind = ScreenStatus['locationKind'];

/** The manage dialog's fields as typed: tags are one comma-separated line. */
export interface ManageFormState {
  name: string;
  /** The ward's code; '' for none. */
  wardCode: string;
  locationKind: LocationKind;
  tags: string;
}

export type ManageIssue = 'name' | 'tagLength' | 'tagCount';

export const manageFormOf = (s: ScreenStatus): ManageFormState => ({
  name: s.name,
  wardCode: s.wardCode ?? '',
  locationKind: s.locationKind,
  tags: s.tags.join(', '),
});

/** The tags of a comma-separated line: trimmed, empty ones dropped, each once. */
export const tagsOf = (line: string): string[] => [...new Set(line.split(',').map((t) => t.trim()).filter(Boolean))];

/** The body of `PUT /api/screens/{id}/details` (without the ward label), or what is wrong. */
export function detailsOfForm(form: ManageFormState):
  | { ok: true; body: { name: string; locationKind: LocationKind; tags: string[] } }
  | { ok: false; issues: ManageIssue[] } {
  const name = form.name.trim();
  const tags = tagsOf(form.tags);
  const issues: ManageIssue[] = [];
  if (!name || name.length > 120) issues.push('name');
  if (tags.some((t) => t.length > 40)) issues.push('tagLength');
  if (tags.length > 20) issues.push('tagCount');
  return issues.length ? { ok: false, issues } : { ok: true, body: { name, locationKind: form.locationKind, tags } };
}
