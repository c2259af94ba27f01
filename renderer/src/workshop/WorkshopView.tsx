// Workshop mode: the projector view over the whole window (and full screen where the browser allows it),
// large type and high contrast, the timer always in view, and two exercises: walk the stream, dot voting.
// Esc leaves it.
import { useEffect } from 'react';
import { useAppStore } from '../app/store.ts';
import { DotVoting } from './DotVoting.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { WalkTheStream } from './WalkTheStream.tsx';
import { useWorkshop } from './workshop-store.ts';
import { WorkshopTimer } from './WorkshopTimer.tsx';

export function WorkshopButton() {
  const setOpen = useWorkshop((s) => s.setOpen);
  return (
    <button
      type="button"
      className="toolbar-button"
      onClick={() => {
        setOpen(true);
        // A projector wants the whole screen; refused (no user gesture, a test browser) it stays a window overlay.
        document.documentElement.requestFullscreen?.().catch(() => undefined);
      }}
      data-testid="workshop-open"
    >
      Workshop mode
    </button>
  );
}

function leaveWorkshop() {
  useWorkshop.getState().setOpen(false);
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

export function WorkshopView() {
  const open = useWorkshop((s) => s.open);
  const tab = useWorkshop((s) => s.tab);
  const { setOpen, setTab } = useWorkshop();
  const map = useAppStore((s) => s.map);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') leaveWorkshop();
    };
    // Leaving full screen with the browser's own Esc leaves workshop mode too.
    const onFs = () => {
      if (!document.fullscreenElement) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFs);
    };
  }, [open, setOpen]);
  if (!open || !map) return null;
  return (
    <div className="workshop" role="dialog" aria-modal="true" aria-label="Workshop mode" data-testid="workshop">
      <header className="workshop__bar">
        <h1 className="workshop__title">{map.name}</h1>
        <nav className="workshop__tabs" aria-label="Exercise">
          <button
            type="button"
            className={`ws-tab${tab === 'walk' ? ' ws-tab--on' : ''}`}
            aria-pressed={tab === 'walk'}
            onClick={() => setTab('walk')}
            data-testid="ws-tab-walk"
          >
            Walk the stream
          </button>
          <button
            type="button"
            className={`ws-tab${tab === 'vote' ? ' ws-tab--on' : ''}`}
            aria-pressed={tab === 'vote'}
            onClick={() => setTab('vote')}
            data-testid="ws-tab-vote"
          >
            Dot voting
          </button>
        </nav>
        <WorkshopTimer />
        <ThemeToggle />
        <button type="button" className="ws-button" onClick={leaveWorkshop} title="Leave workshop mode (Esc)" data-testid="workshop-close">
          Exit
        </button>
      </header>
      <div className="workshop__body">{tab === 'walk' ? <WalkTheStream /> : <DotVoting />}</div>
    </div>
  );
}
