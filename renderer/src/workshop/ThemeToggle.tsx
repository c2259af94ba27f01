// The theme: the system's (prefers-color-scheme), or light or dark whatever the system says.
import { useTheme, type ThemeChoice } from './theme.ts';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const { choice, resolved, set } = useTheme();
  return (
    <span className="theme-toggle" role="group" aria-label="Theme">
      <select
        className="toolbar-button"
        value={choice}
        onChange={(e) => set(e.target.value as ThemeChoice)}
        aria-label="Theme"
        title={`Theme: ${LABEL[choice]}${choice === 'system' ? ` (the system's, now ${resolved})` : ''}`}
        data-testid="theme-select"
        data-theme-resolved={resolved}
      >
        <option value="system">◐ Auto ({resolved})</option>
        <option value="light">◐ Light</option>
        <option value="dark">◐ Dark</option>
      </select>
    </span>
  );
}
