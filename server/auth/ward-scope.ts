import { may } from '../../playlists/index.ts';
import { AppError } from '../errors.ts';
import type { User } from '../repos/users.ts';

/**
 * Ward scoping (issue 5), in one place. A ward operator sees and changes only rows bound to
 * their own ward: screens in it, and the content items, playlists and schedules it owns. A row
 * of another ward — or of the city, for content and schedules — is answered exactly like an id
 * that does not exist (same status, code and body), so a ward operator cannot even learn that
 * it exists; lists leave such rows out. City operators (admin, editor, approver, viewer) see
 * every row.
 *
 * Who may *change* a row the user can see is `mayChangeOwned`: city content is the city's
 * ('write_city_content'); ward content is its ward's (that ward's operator, and
 * 'write_any_ward_content'), and 'take_down_ward_content' may delete it.
 */
export class WardScope {
  /** Null: the city scope, which sees every row. */
  readonly ward: string | null;

  private constructor(ward: string | null) {
    this.ward = ward;
  }

  static readonly city = new WardScope(null);

  /** A ward operator without a ward (the database forbids it) sees nothing rather than everything. */
  static of(user: Pick<User, 'role' | 'wardCode'>): WardScope {
    return user.role === 'ward_operator' ? new WardScope(user.wardCode ?? '') : WardScope.city;
  }

  get isCity(): boolean {
    return this.ward === null;
  }

  /**
   * Whether a row bound to `rowWard` is visible: everything to the city; to a ward operator,
   * only rows of their ward (a city row, `null`, is not theirs).
   */
  sees(rowWard: string | null | undefined): boolean {
    return this.ward === null || (rowWard ?? null) === this.ward;
  }

  /** The rows this scope sees. */
  only<T>(rows: readonly T[], wardOf: (row: T) => string | null | undefined): T[] {
    return this.ward === null ? [...rows] : rows.filter((r) => this.sees(wardOf(r)));
  }

  /** The row if this scope sees it; otherwise the very error a missing id gets. */
  find<T>(row: T | undefined, wardOf: (row: T) => string | null | undefined, missing: () => AppError): T {
    if (row === undefined || !this.sees(wardOf(row))) throw missing();
    return row;
  }

  /** The owner a new content item or playlist gets: the operator's ward, or the city (null). */
  get owner(): string | null {
    return this.ward;
  }
}

/** The scope of the signed-in user of a request (after `auth.require`). */
export const scopeOf = (c: { var: { user: Pick<User, 'role' | 'wardCode'> } }): WardScope => WardScope.of(c.var.user);

/**
 * Whether `user` may change (or, with `takeDown`, delete) a content item or playlist owned by
 * `owner` (null: the city). Call it after the row was found through the user's scope.
 */
export function mayChangeOwned(user: Pick<User, 'role' | 'wardCode'>, owner: string | null, takeDown = false): boolean {
  if (owner === null) return may(user.role, 'write_city_content');
  if (may(user.role, 'write_any_ward_content')) return true;
  if (user.role === 'ward_operator') return user.wardCode === owner;
  return takeDown && may(user.role, 'take_down_ward_content');
}

/** Refuses (403 forbidden) what `mayChangeOwned` does not allow. */
export function checkChangeOwned(user: Pick<User, 'role' | 'wardCode'>, owner: string | null, takeDown = false): void {
  if (!mayChangeOwned(user, owner, takeDown)) {
    throw new AppError(403, 'forbidden', owner === null ? 'City content is changed by editors' : "Only the ward's operators change its local content");
  }
}
