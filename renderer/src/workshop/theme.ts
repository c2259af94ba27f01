// Light and dark themes for the whole app: follows the system (prefers-color-scheme) until the user picks
// one with the toggle; the choice is kept in localStorage. The resolved theme is <html data-theme="…">.
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'flowmap.theme';
const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const resolve = (c: ThemeChoice): 'light' | 'dark' => (c === 'system' ? (query().matches ? 'dark' : 'light') : c);

function apply(c: ThemeChoice) {
  const t = resolve(c);
  document.documentElement.dataset.theme = t;
  document.documentElement.style.colorScheme = t;
}

export const useTheme = create<{ choice: ThemeChoice; resolved: 'light' | 'dark'; set(c: ThemeChoice): void }>((set) => ({
  choice: 'system',
  resolved: 'light',
  set(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // Not kept (storage refused): the choice holds for this page only.
    }
    apply(choice);
    set({ choice, resolved: resolve(choice) });
  },
}));

/** Applies the stored choice and follows system changes while the choice is "system". Call once at start. */
export function startTheme(): void {
  const choice = stored();
  apply(choice);
  useTheme.setState({ choice, resolved: resolve(choice) });
  query().addEventListener('change', () => {
    const c = useTheme.getState().choice;
    if (c !== 'system') return;
    apply(c);
    useTheme.setState({ resolved: resolve(c) });
  });
}
