// The printed page around the report: paper sizes and the footer Chromium prints on every page (page
// number "3 / 7", workspace, as-of date, the filters). Shared by `vsm report` (playwright's page.pdf) and the
// desktop app (webContents.printToPDF), which take the same template. Browser-safe, no imports.

export const PAPER_SIZES = {
  a4: { label: 'A4', widthMm: 297, heightMm: 210 },
  letter: { label: 'Letter', widthMm: 279.4, heightMm: 215.9 },
} as const;

/** Page margins (mm); the bottom one leaves room for the footer. */
export const PRINT_MARGINS_MM = { top: 10, bottom: 14, left: 10, right: 10 } as const;

/** The element of the report page whose text is the footer line; the printers read it once the page is ready. */
export const FOOTER_SELECTOR = '[data-report-footer]';

/** Text as HTML character data: the footer carries imported names (workspace, filters), which are data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Chromium fills `pageNumber` and `totalPages`; everything else is our escaped text. */
export function footerTemplate(footerText: string): string {
  // Header and footer templates start at font-size 0 and without the page's styles: everything inline.
  const text = escapeHtml(footerText.replace(/\s+/g, ' ').trim().slice(0, 400));
  return (
    `<div style="width:100%;margin:0 10mm;font-family:'DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#475569;display:flex;justify-content:space-between;gap:8mm;">` +
    `<span style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis;">${text}</span>` +
    `<span style="white-space:nowrap;font-weight:700;"><span class="pageNumber"></span> / <span class="totalPages"></span></span>` +
    `</div>`
  );
}

/** An empty header (Chromium's default one prints the date and the document title). */
export const HEADER_TEMPLATE = '<span></span>';
