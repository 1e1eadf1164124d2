import './zod-config.ts';
import { z } from 'zod';
import { Instant, WardCode } from './classic.ts';
import { PASSWORD_MAX, PASSWORD_MIN, Role } from './api.ts';

/** Lowercase letters, digits, `.`, `_` and `-`; 3 to 64 characters. */
export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'expected 3–64 lowercase letters, digits, . _ -');
export const NewPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const UserAccount = z.object({
  id: z.int(),
  username: z.string(),
  role: Role,
  /** Set exactly when the role is ward_operator. */
  wardCode: WardCode.nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: Instant,
});
export type UserAccount = z.infer<typeof UserAccount>;
export const UserList = z.object({ users: z.array(UserAccount) });

/** The rule both the API and the database enforce: a ward for ward operators, and only for them. */
export function wardRuleIssue(role: Role, wardCode: string | null | undefined): string | null {
  if (role === 'ward_operator' && !wardCode) return 'a ward operator needs a ward';
  if (role !== 'ward_operator' && wardCode) return 'only a ward operator has a ward';
  return null;
}

/** A new account; its password is temporary and must be changed at first sign-in. */
export const UserCreate = z
  .strictObject({ username: Username, role: Role, wardCode: WardCode.nullable().optional(), password: NewPassword })
  .superRefine((u, ctx) => {
    const issue = wardRuleIssue(u.role, u.wardCode);
    if (issue) ctx.addIssue({ code: 'custom', path: ['wardCode'], message: issue });
  });
export type UserCreate = z.infer<typeof UserCreate>;

/** Changes to an account. Changing the role away from ward_operator drops the ward. */
export const UserUpdate = z.strictObject({
  role: Role.optional(),
  wardCode: WardCode.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

/** An admin's reset: the user must change this password at next sign-in. */
export const PasswordReset = z.strictObject({ password: NewPassword });

/** One appended change. `before`/`after` are JSON snapshots with secrets redacted. */
export const AuditEntry = z.object({
  id: z.int(),
  at: Instant,
  userId: z.int().nullable(),
  username: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  wardCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
/** Newest first; pass `nextBefore` as `before` for the next page (null: no more). */
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
