// The printed footer carries imported text (the workspace's file name, filter values): it must reach the
// PDF as characters, never as markup Chromium would render.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, footerTemplate } from '../../shared/report/page-template.ts';

describe('report footer template', () => {
  it('escapes markup in the footer text and keeps the page-number slots', () => {
    const t = footerTemplate(`<img src=x onerror=alert(1)>.vsm · as of 1 Nov 2026 · type "Bug" & 'x'`);
    expect(t).toContain('&lt;img src=x onerror=alert(1)&gt;.vsm');
    expect(t).toContain('type &quot;Bug&quot; &amp; &#39;x&#39;');
    expect(t).not.toContain('<img');
    expect(t).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
  });

  it('never lets a tag or attribute quote through, whatever the text (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ' ', '=', '/', 'é') }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        // Decoding the entities gives the text back.
        expect(e.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (m) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[m]!)).toBe(s);
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});
