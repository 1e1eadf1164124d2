import { describe, expect, it } from 'vitest';
import { ScreenHours } from '../playlists/index.ts';
import { crossesMidnight, hoursFormOf, hoursOfForm } from './hours-form.ts';

describe('operating hours form', () => {
  it('starts a screen without hours on "always on", reloading at 03:30', () => {
    const form = hoursFormOf({ hours: null, dailyReloadAt: '03:30' });
    expect(form).toMatchObject({ preset: 'always', reload: true, reloadAt: '03:30' });
    expect(hoursOfForm(form)).toEqual({ ok: true, body: { hours: null, dailyReloadAt: '03:30' } });
  });

  it('reads and writes the 06:00–22:00 daily preset', () => {
    const body = { hours: { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '22:00' }], outside: 'dim' as const }, dailyReloadAt: null };
    const form = hoursFormOf(body);
    expect(form).toMatchObject({ preset: 'daily', outside: 'dim', reload: false });
    expect(hoursOfForm(form)).toEqual({ ok: true, body });
  });

  it('groups weekdays with the same times into one window, crossing midnight allowed', () => {
    const form = hoursFormOf({ hours: null, dailyReloadAt: '03:30' });
    form.preset = 'custom';
    form.days[5] = { on: true, from: '18:00', to: '01:00' };
    form.days[6] = { on: false, from: '06:00', to: '22:00' };
    const result = hoursOfForm(form);
    expect(result).toEqual({
      ok: true,
      body: { hours: { windows: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' }, { days: [6], from: '18:00', to: '01:00' }], outside: 'black' }, dailyReloadAt: '03:30' },
    });
    expect(ScreenHours.safeParse(result.ok && result.body).success).toBe(true);
    expect(crossesMidnight(form.days[5]!)).toBe(true);
    expect(hoursFormOf(result.ok ? result.body : { hours: null, dailyReloadAt: null }).days[5]).toEqual(form.days[5]);
  });

  it('names what keeps the form from saving', () => {
    const form = hoursFormOf({ hours: null, dailyReloadAt: '03:30' });
    form.preset = 'custom';
    form.days = form.days.map((d) => ({ ...d, on: false }));
    form.reloadAt = '25:00';
    expect(hoursOfForm(form)).toEqual({ ok: false, issues: ['reload', 'noDay'] });
    form.days[2] = { on: true, from: '', to: '22:00' };
    form.reloadAt = '03:30';
    expect(hoursOfForm(form)).toEqual({ ok: false, issues: ['time2'] });
  });
});
