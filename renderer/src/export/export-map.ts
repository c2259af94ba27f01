// The map's exports: SVG (the export stage's parts stacked into one vector document, text kept as text),
// PNG (that SVG drawn on a canvas at twice its size) and the vsm-map JSON (the document saveMap takes).
import { download, safeFileName } from '../charts/export.ts';
import { EXPORT_WIDTH } from './MapExportSvg.tsx';

const NS = 'http://www.w3.org/2000/svg';
const GAP = 12;
const MARGIN = 16;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const exportFileName = (mapName: string) => safeFileName(mapName) || 'map';

/** One SVG document from the stage's parts, each scaled to the full width and placed under the one before. */
export function stageSvg(stage: HTMLElement): { text: string; width: number; height: number } {
  const parts = [...(stage.querySelector('.export-stage') ?? stage).children].filter((c): c is SVGSVGElement => c instanceof SVGSVGElement);
  if (parts.length === 0) throw new Error('the map has not been drawn yet');
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('xmlns', NS);
  let y = MARGIN;
  const placed: SVGSVGElement[] = [];
  for (const part of parts) {
    const vb = part.viewBox.baseVal;
    const h = (vb.height * EXPORT_WIDTH) / vb.width;
    const clone = part.cloneNode(true) as SVGSVGElement;
    clone.removeAttribute('class');
    clone.setAttribute('x', String(MARGIN));
    clone.setAttribute('y', String(Math.round(y)));
    clone.setAttribute('width', String(EXPORT_WIDTH));
    clone.setAttribute('height', String(Math.round(h)));
    placed.push(clone);
    y += h + GAP;
  }
  const width = EXPORT_WIDTH + 2 * MARGIN;
  const height = Math.round(y - GAP + MARGIN);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  root.append(bg, ...placed);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height };
}

export function downloadMapSvg(stage: HTMLElement, mapName: string): void {
  download(`${exportFileName(mapName)}.svg`, new Blob([stageSvg(stage).text], { type: 'image/svg+xml' }));
}

export async function downloadMapPng(stage: HTMLElement, mapName: string): Promise<void> {
  const { text, width, height } = stageSvg(stage);
  const scale = 2;
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('could not draw the map as an image'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('could not encode the PNG');
  download(`${exportFileName(mapName)}.png`, blob);
}

export function downloadMapJson(doc: unknown, mapName: string): void {
  download(`${exportFileName(mapName)}.vsm-map.json`, new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }));
}
