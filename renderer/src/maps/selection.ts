// Which map this tab shows. Opening a workspace shows the most recently edited map (the core's default);
// a map chosen in the switcher stays chosen across a reload of this tab (sessionStorage: this tab only).
const KEY = 'flowmap.map';

export function rememberedMapId(): number | undefined {
  try {
    const v = Number(sessionStorage.getItem(KEY));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

export function rememberMap(mapId: number | null): void {
  try {
    if (mapId === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, String(mapId));
  } catch {
    // Storage refused (private mode): the tab falls back to the most recently edited map on reload.
  }
}
