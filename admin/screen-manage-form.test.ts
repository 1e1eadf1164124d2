import { describe, expect, it } from 'vitest';
import { detailsOfForm, tagsOf } from './screen-manage-form.ts';

describe('the screen manage form', () => {
  it('reads tags from one comma-separated line, trimmed, each once', () => {
    expect(tagsOf(' chợ, trung tâm ,, chợ ,')).toEqual(['chợ', 'trung tâm']);
    expect(tagsOf('   ')).toEqual([]);
  });

  it('gives the body to send, or what is wrong', () => {
    expect(detailsOfForm({ name: ' Chợ ', wardCode: '', locationKind: 'park', tags: 'a, b' })).toEqual({ ok: true, body: { name: 'Chợ', locationKind: 'park', tags: ['a', 'b'] } });
    expect(detailsOfForm({ name: ' ', wardCode: '', locationKind: 'park', tags: 'x'.repeat(41) })).toEqual({ ok: false, issues: ['name', 'tagLength'] });
    expect(detailsOfForm({ name: 'a', wardCode: '', locationKind: 'park', tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') })).toEqual({ ok: false, issues: ['tagCount'] });
  });
});
