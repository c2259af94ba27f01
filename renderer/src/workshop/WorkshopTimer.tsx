// The time box, always visible in workshop mode: minutes to set, Start / Pause / Reset, mm:ss counting down,
// "Time's up" when it ends. Computed from the clock at each tick, so a busy tab never drifts.
import { useEffect, useState } from 'react';
import { remainingSeconds, useWorkshop } from './workshop-store.ts';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function WorkshopTimer() {
  const timer = useWorkshop((s) => s.timer);
  const { start, pause, reset, setMinutes } = useWorkshop();
  const [now, setNow] = useState(() => Date.now());
  const [minutes, setMinutesText] = useState(String(timer.durationS / 60));
  useEffect(() => {
    if (timer.startedAt === null) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [timer.startedAt]);
  const left = remainingSeconds(timer, timer.startedAt === null ? 0 : now);
  const shown = timer.startedAt === null ? remainingSeconds(timer, 0) : left;
  useEffect(() => {
    if (timer.startedAt !== null && left === 0) pause();
  }, [left, timer.startedAt, pause]);
  const running = timer.startedAt !== null;
  const up = shown === 0;
  return (
    <div
      className={`ws-timer${up ? ' ws-timer--up' : ''}${running ? ' ws-timer--running' : ''}`}
      data-testid="ws-timer"
      data-remaining-seconds={shown}
      data-running={running}
    >
      <span className="ws-timer__clock" role="timer" aria-live="off" data-testid="ws-timer-clock">
        {up ? "Time's up" : mmss(shown)}
      </span>
      <span className="ws-timer__controls">
        {running ? (
          <button type="button" className="ws-button" onClick={pause} data-testid="ws-timer-pause">
            Pause
          </button>
        ) : (
          <button type="button" className="ws-button ws-button--primary" onClick={start} disabled={up} data-testid="ws-timer-start">
            Start
          </button>
        )}
        <button type="button" className="ws-button" onClick={reset} data-testid="ws-timer-reset">
          Reset
        </button>
        <label className="ws-timer__minutes">
          <input
            type="number"
            min={1}
            max={600}
            step={1}
            value={minutes}
            disabled={running}
            onChange={(e) => {
              setMinutesText(e.target.value);
              setMinutes(Number(e.target.value));
            }}
            aria-label="Minutes"
            data-testid="ws-timer-minutes"
          />
          min
        </label>
      </span>
    </div>
  );
}
