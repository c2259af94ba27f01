// Exports of a chart as the user sees it: SVG (the chart's own SVG, with any canvas layer embedded as an
// image or redrawn as SVG by the chart), PNG (the same drawn onto a canvas at twice the size) and its data
// as CSV (papaparse, with formula-looking cells escaped so a spreadsheet never runs imported text).
import Papa from 'papaparse';

/** Saves a blob as a file through the browser's download (both chart and map exports use this). */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function safeFileName(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'chart'
  );
}

/** The chart's SVG as a standalone document: white background, fonts inlined, the canvas layer (if any) underneath. */
export function chartSvgText(plot: HTMLElement, underlaySvg?: string): string {
  const svg = plot.querySelector('svg');
  if (!svg) throw new Error('the chart has not been drawn yet');
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('font-family', getComputedStyle(plot).fontFamily);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  let under = '';
  if (underlaySvg !== undefined) under = underlaySvg;
  else {
    const canvas = plot.querySelector('canvas');
    if (canvas) under = `<image href="${canvas.toDataURL('image/png')}" x="0" y="0" width="${Math.round(width)}" height="${Math.round(height)}"/>`;
  }
  const text = new XMLSerializer().serializeToString(clone);
  // Background first, then the points layer, then the axes and marks.
  return text.replace(/^<svg([^>]*)>/, (m) => `${m}${new XMLSerializer().serializeToString(bg)}${under}`);
}

export function downloadSvg(plot: HTMLElement, name: string, underlaySvg?: string) {
  download(`${name}.svg`, new Blob([chartSvgText(plot, underlaySvg)], { type: 'image/svg+xml' }));
}

export async function downloadPng(plot: HTMLElement, name: string) {
  const svg = plot.querySelector('svg');
  if (!svg) throw new Error('the chart has not been drawn yet');
  const { width, height } = svg.getBoundingClientRect();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const layer = plot.querySelector('canvas');
  if (layer) g.drawImage(layer, 0, 0, canvas.width, canvas.height);
  // The SVG alone (the canvas layer is already drawn), as an image.
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('font-family', getComputedStyle(plot).fontFamily);
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('could not draw the chart as an image'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  await loaded;
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('could not encode the PNG');
  download(`${name}.png`, blob);
}

/** CSV text of a chart's rows (numbers unrounded; cells starting with = + - @ are escaped). */
export function chartCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  return Papa.unparse(rows as Record<string, unknown>[], { escapeFormulae: true, newline: '\r\n' });
}

export function downloadCsv(rows: ReadonlyArray<Record<string, unknown>>, name: string) {
  download(`${name}.csv`, new Blob([chartCsv(rows)], { type: 'text/csv' }));
}
