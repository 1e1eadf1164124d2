import ICAL from 'ical.js';

/** One occurrence of an event, read back by an independent parser (ical.js, Mozilla's). */
export interface Occurrence {
  uid: string;
  summary: string;
  categories: string[];
  start: number;
  end: number;
}

/**
 * Parses an iCalendar text with ical.js, registers its VTIMEZONEs, and expands every event
 * (RRULE, UNTIL, TZID) into its occurrences starting in [from, until).
 */
export function occurrences(text: string, from: number, until: number): Occurrence[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const out: Occurrence[] = [];
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const base = {
      uid: event.uid,
      summary: event.summary,
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
    };
    if (!event.isRecurring()) {
      const start = event.startDate.toJSDate().getTime();
      if (start >= from && start < until) out.push({ ...base, start, end: event.endDate.toJSDate().getTime() });
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toJSDate().getTime();
      if (start >= until) break;
      if (start >= from) out.push({ ...base, start, end: details.endDate.toJSDate().getTime() });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
}

/** The TZID parameters and the raw lines of a calendar, for checks on its form. */
export function lines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}
