import type { Role } from '../../playlists/index.ts';
import type { Db } from '../db.ts';

export interface User {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
}

type Row = { id: number; username: string; role: Role; password_hash: string; must_change_password: number };

const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password === 1,
});

export class UserRepo {
  readonly #byName;
  readonly #byId;
  readonly #insert;
  readonly #setPassword;

  constructor(db: Db) {
    const cols = 'id, username, role, password_hash, must_change_password';
    this.#byName = db.prepare<[string], Row>(`SELECT ${cols} FROM users WHERE username = ?`);
    this.#byId = db.prepare<[number], Row>(`SELECT ${cols} FROM users WHERE id = ?`);
    this.#insert = db.prepare(
      'INSERT INTO users (username, password_hash, role, must_change_password, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#setPassword = db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?');
  }

  byUsername(username: string): User | undefined {
    const row = this.#byName.get(username);
    return row ? toUser(row) : undefined;
  }

  byId(id: number): User | undefined {
    const row = this.#byId.get(id);
    return row ? toUser(row) : undefined;
  }

  insert(username: string, passwordHash: string, role: Role, mustChange: boolean, now: number): number {
    return Number(this.#insert.run(username, passwordHash, role, mustChange ? 1 : 0, now).lastInsertRowid);
  }

  setPassword(id: number, passwordHash: string, mustChange: boolean): void {
    this.#setPassword.run(passwordHash, mustChange ? 1 : 0, id);
  }
}
