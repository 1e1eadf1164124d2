import { describe, expect, it } from 'vitest';
import { chunkImports, embedChunks, pageScripts, playerChunks } from './check-size.mjs';

describe('pageScripts', () => {
  it('takes module scripts and modulepreloads, not styles, icons or classic scripts', () => {
    const html = `<link rel="icon" href="/assets/favicon.svg" />
      <script type="module" crossorigin src="/assets/player-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/shared-b.js?v=1">
      <link rel="stylesheet" href="/assets/shared-c.css">
      <script src="/legacy.js"></script>`;
    expect(pageScripts(html)).toEqual(['assets/player-a.js', 'assets/shared-b.js']);
  });
});

describe('chunkImports', () => {
  it('reads the hoisted static imports and every literal dynamic import', () => {
    const code = 'import{a as b,c}from"./shared-x.js";import"./side.js";export*from"./re.js";'
      + 'var f=()=>import(`./slogan-y.js`),g=import("./clock-z.js");';
    const { statics, dynamics } = chunkImports(code);
    expect(statics).toEqual(['./shared-x.js', './side.js', './re.js']);
    expect(dynamics).toEqual(['./slogan-y.js', './clock-z.js']);
  });

  it('stops at the first statement that is not an import', () => {
    expect(chunkImports('var x=1;import"./late.js";').statics).toEqual([]);
  });
});

describe('playerChunks', () => {
  const files: Record<string, string> = {
    'assets/player.js': 'import{x}from"./shared.js";const r=()=>import("./video.js");',
    'assets/shared.js': 'const a=()=>import("./player.js");',
    'assets/video.js': 'import"./shared.js";import"./media.js";',
    'assets/media.js': '',
  };
  const read = (path: string) => {
    const code = files[path];
    if (code === undefined) throw new Error(`no ${path}`);
    return code;
  };

  it('boot is the entries and their static imports; dynamic imports and theirs are lazy', () => {
    expect(playerChunks(['assets/player.js'], read)).toEqual({
      boot: ['assets/player.js', 'assets/shared.js'],
      lazy: ['assets/video.js', 'assets/media.js'],
    });
  });
});

describe('embedChunks', () => {
  const files: Record<string, string> = {
    'assets/embed.js': 'const b=()=>import("./board.js");',
    'assets/board.js': 'import"./lit.js";const s=()=>import("./slogan.js"),v=()=>import("./video.js");',
    'assets/lit.js': '',
    'assets/slogan.js': 'import"./lit.js";',
    'assets/video.js': 'import"./lit.js";import"./media.js";',
    'assets/media.js': 'x'.repeat(100),
  };
  const read = (path: string) => files[path] ?? '';

  it('counts only the entry before the board is in view, then the board and its worst renderer', () => {
    expect(embedChunks(['assets/embed.js'], read)).toEqual({
      before: ['assets/embed.js'],
      firstContent: ['assets/embed.js', 'assets/board.js', 'assets/lit.js', 'assets/video.js', 'assets/media.js'],
    });
  });
});
