import { describe, expect, it } from 'vitest';
import { applyPreset, diagramOf, editField, fieldsOfIssues, formOf, layoutOfForm } from './layout-form.ts';

const screen = { canvas: null, ticker: null, theme: 'outdoor' as const, viewport: { width: 1920, height: 1080 } };

describe('the layout form', () => {
  it('starts a screen without a layout on the whole screen, no strip, outdoors', () => {
    const form = formOf(screen);
    expect(form).toMatchObject({ preset: 'full', x: 0, y: 0, width: 1920, height: 1080, strip: 'none', theme: 'outdoor' });
    expect(layoutOfForm(form)).toEqual({ ok: true, layout: { canvas: null, ticker: null, theme: 'outdoor' } });
  });

  it('recognises a stored board size as its preset', () => {
    const form = formOf({ ...screen, canvas: { x: 100, y: 50, width: 384, height: 192 }, ticker: { position: 'bottom', heightPx: 32 } });
    expect(form).toMatchObject({ preset: 'led384', x: 100, y: 50, strip: 'bottom', stripHeight: 32 });
  });

  it('sets a board size from a preset and keeps its position', () => {
    let form = editField(applyPreset(formOf(screen), 'led192'), 'x', '100');
    form = editField(form, 'y', '50');
    expect(layoutOfForm(form)).toEqual({ ok: true, layout: { canvas: { x: 100, y: 50, width: 192, height: 96 }, ticker: null, theme: 'outdoor' } });
  });

  it('becomes a custom size when a number is edited, and a preset again when it matches one', () => {
    const board = applyPreset(formOf(screen), 'led384');
    expect(editField(board, 'width', '400').preset).toBe('custom');
    expect(editField(editField(board, 'width', '192'), 'height', '96').preset).toBe('led192');
  });

  it('adds a strip and a theme', () => {
    let form = applyPreset(formOf(screen), 'led384');
    form = editField(editField(form, 'strip', 'top'), 'stripHeight', '48');
    form = editField(form, 'theme', 'indoor');
    expect(layoutOfForm(form)).toEqual({
      ok: true,
      layout: { canvas: { x: 0, y: 0, width: 384, height: 192 }, ticker: { position: 'top', heightPx: 48 }, theme: 'indoor' },
    });
  });

  it('names the fields the server would refuse', () => {
    const board = applyPreset(formOf(screen), 'led192');
    expect(layoutOfForm(editField(board, 'x', ''))).toEqual({ ok: false, fields: ['x'] });
    expect(layoutOfForm(editField(board, 'x', '7600'))).toEqual({ ok: false, fields: ['width'] });
    expect(layoutOfForm(editField(board, 'width', '12.5'))).toEqual({ ok: false, fields: ['width'] });
    const tall = editField(editField(board, 'strip', 'bottom'), 'stripHeight', '60');
    expect(layoutOfForm(tall)).toEqual({ ok: false, fields: ['stripHeight'] });
  });

  it('maps the API error issues to fields', () => {
    expect(fieldsOfIssues([{ path: 'canvas.height' }, { path: 'ticker.heightPx' }, { path: 'zoom' }])).toEqual(['height', 'stripHeight']);
  });
});

describe('the layout diagram', () => {
  it('draws the canvas and strip to scale inside the reported output', () => {
    let form = editField(editField(applyPreset(formOf(screen), 'led384'), 'x', '100'), 'y', '50');
    form = editField(form, 'strip', 'bottom');
    expect(diagramOf(form, { width: 1920, height: 1080 })).toEqual({
      output: { width: 1920, height: 1080 },
      canvas: { x: 100, y: 50, width: 384, height: 192 },
      strip: { x: 100, y: 210, width: 384, height: 32 },
      outside: false,
    });
  });

  it('grows the output to show a canvas that reaches past the reported size, and says so', () => {
    const form = editField(editField(applyPreset(formOf(screen), 'led384'), 'x', '1800'), 'y', '1000');
    const d = diagramOf(form, { width: 1920, height: 1080 });
    expect(d.output).toEqual({ width: 2184, height: 1192 });
    expect(d.outside).toBe(true);
  });

  it('assumes a full HD output for a screen that has not reported one', () => {
    expect(diagramOf(formOf({ ...screen, viewport: null }), null)).toMatchObject({ output: { width: 1920, height: 1080 }, outside: false });
  });
});
