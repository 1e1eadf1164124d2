import { targets, type Schedule } from '../../playlists/index.ts';
import { WardScope } from '../auth/ward-scope.ts';
import { notFound } from '../errors.ts';
import { hashToken, newSecret } from '../ids.ts';
import type { CalendarFeedRepo } from '../repos/calendar-feeds.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { User, UserRepo } from '../repos/users.ts';
import type { WardRepo } from '../repos/wards.ts';
import { schedulesCalendar } from './ical.ts';

/** What a calendar is asked for: a ward, a screen, or (neither) everything the user may see. */
export interface CalendarQuery {
  ward?: string;
  screen?: string;
}

/**
 * The published schedules as calendars (issue 17), ward-scoped: a ward operator's calendar is
 * its own ward's, and another ward or its screens answer as missing ones. Also the secret feed
 * a user's calendar application subscribes to, which answers as that user would be answered.
 */
export class Calendars {
  constructor(
    private readonly deps: {
      revisions: Pick<RevisionRepo, 'latest'>;
      screens: Pick<ScreenRepo, 'get' | 'list'>;
      wards: Pick<WardRepo, 'get'>;
      users: Pick<UserRepo, 'byId'>;
      calendarFeeds: CalendarFeedRepo;
    },
  ) {}

  /** The calendar's text and a file name for it. */
  ics(user: Pick<User, 'role' | 'wardCode'>, query: CalendarQuery): { name: string; file: string; text: string } {
    const { snapshot } = this.deps.revisions.latest();
    const { name, file, schedules } = this.#select(WardScope.of(user), query, snapshot.schedules ?? []);
    return { name, file, text: schedulesCalendar({ name, schedules, playlists: snapshot.playlists }).toString() };
  }

  #select(scope: WardScope, query: CalendarQuery, all: Schedule[]): { name: string; file: string; schedules: Schedule[] } {
    if (query.screen !== undefined) {
      const screen = scope.find(this.deps.screens.get(query.screen), (s) => s.wardCode, () => notFound('screen'));
      return { name: `bangtin — ${screen.name}`, file: `bangtin-${screen.id}.ics`, schedules: all.filter((s) => targets(s, screen)) };
    }
    const code = query.ward ?? scope.ward;
    if (code === null) return { name: 'bangtin', file: 'bangtin.ics', schedules: all };
    const ward = code ? this.deps.wards.get(code) : undefined;
    if (!ward || !scope.sees(ward.code)) throw notFound('ward');
    // What plays on any of its screens, and what names the ward (or all) though it has none yet.
    const screens = this.deps.screens.list().filter((s) => s.wardCode === ward.code);
    const reaches = (s: Schedule) =>
      screens.some((screen) => targets(s, screen)) ||
      ((s.ownerWard === null || s.ownerWard === ward.code) && (s.target.all || (s.target.wards.includes(ward.code) && !s.target.locationKinds.length && !s.target.tags.length)));
    return { name: `bangtin — ${ward.name}`, file: `bangtin-${ward.code}.ics`, schedules: all.filter(reaches) };
  }

  /** A new secret feed for the user (the one before stops working); answers its token, shown once. */
  issueFeed(userId: number, now: number): string {
    const token = newSecret(32);
    this.deps.calendarFeeds.set(userId, hashToken(token), now);
    return token;
  }

  /** The user a feed token belongs to, while it is theirs and their account is not locked. */
  feedUser(token: string): User | undefined {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const id = this.deps.calendarFeeds.userOf(hashToken(token));
    const user = id === null ? undefined : this.deps.users.byId(id);
    return user && !user.disabled ? user : undefined;
  }
}
