import type { Role } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

export interface User {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  /** Set exactly when the role is ward_operator (the database checks it). */
  wardCode: string | null;
  disabled: boolean;
  createdAt: number;
}

/** What an admin may change about an account. */
export interface UserChanges {
  role: Role;
  wardCode: string | null;
  disabled: boolean;
}

type Row = {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  ward_code: string | null;
  disabled: number;
  created_at: number;
};

const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password === 1,
  wardCode: r.ward_code,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export class UserRepo {
  readonly #byName;
  readonly #byId;
  readonly #all;
  readonly #insert;
  readonly #setPassword;
  readonly #update;

  /** `changed` hears every change to an account's access (its role, ward, lock or password). */
  constructor(db: Db, private readonly changed: () => void = () => {}) {
    const cols = 'id, username, role, password_hash, must_change_password, ward_code, disabled, created_at';
    this.#byName = db.prepare<[string], Row>(`SELECT ${cols} FROM users WHERE username = ?`);
    this.#byId = db.prepare<[number], Row>(`SELECT ${cols} FROM users WHERE id = ?`);
    this.#all = db.prepare<[], Row>(`SELECT ${cols} FROM users ORDER BY username`);
    this.#insert = db.prepare(
      'INSERT INTO users (username, password_hash, role, must_change_password, created_at, ward_code) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#setPassword = db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?');
    this.#update = db.prepare('UPDATE users SET role = ?, ward_code = ?, disabled = ? WHERE id = ?');
  }

  byUsername(username: string): User | undefined {
    const row = this.#byName.get(username);
    return row ? toUser(row) : undefined;
  }

  byId(id: number): User | undefined {
    const row = this.#byId.get(id);
    return row ? toUser(row) : undefined;
  }

  list(): User[] {
    return this.#all.all().map(toUser);
  }

  insert(username: string, passwordHash: string, role: Role, mustChange: boolean, now: number, wardCode: string | null = null): number {
    return Number(this.#insert.run(username, passwordHash, role, mustChange ? 1 : 0, now, wardCode).lastInsertRowid);
  }

  setPassword(id: number, passwordHash: string, mustChange: boolean): void {
    this.#setPassword.run(passwordHash, mustChange ? 1 : 0, id);
    this.changed();
  }

  update(id: number, changes: UserChanges): boolean {
    const updated = this.#update.run(changes.role, changes.wardCode, changes.disabled ? 1 : 0, id).changes === 1;
    if (updated) this.changed();
    return updated;
  }
}
