/**
 * Every Vietnamese string the admin page shows, one file per view, and the error codes it
 * translates. `messages` keeps the one typed object the views read (`messages.screens.title`);
 * the views with a file of their own import it by name (`editorMessages` from ./editor.ts).
 */
import { appMessages } from './app.ts';
import { auditMessages } from './audit.ts';
import { errorMessages } from './errors.ts';
import { revisionListMessages } from './revisions.ts';
import { screensMessages } from './screens.ts';
import { usersMessages } from './users.ts';
import { wardsMessages } from './wards.ts';

export const messages = {
  ...appMessages,
  ...revisionListMessages,
  ...screensMessages,
  ...usersMessages,
  ...wardsMessages,
  ...auditMessages,
  ...errorMessages,
} as const;

export { errorText } from './errors.ts';
