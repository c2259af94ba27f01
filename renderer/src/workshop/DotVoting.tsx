// Dot voting on the map's kaizen bursts: each participant has a number of dots; a click on + spends one on a
// burst and − takes it back. Totals are the map's kaizen `votes`, saved at once (and undoable); the board
// ranks bursts by votes. Reset sets every burst back to 0.
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import { useAppStore } from '../app/store.ts';
import { KaizenBurst } from '../common/KaizenBurst.tsx';
import { wasteLabel } from '../report/waste.ts';
import { useWorkshop, votesCast } from './workshop-store.ts';

export function DotVoting() {
  const map = useAppStore((s) => s.map);
  const { participants, dotsEach, setBudget, vote, resetVotes, voteError } = useWorkshop();
  if (!map) return null;
  const bursts = stepsInFlowOrder(map).flatMap((s) => (s.kaizen ?? []).map((k, index) => ({ step: s, k, index })));
  const budget = participants * dotsEach;
  const cast = votesCast(map.steps);
  const left = Math.max(0, budget - cast);
  const top = Math.max(0, ...bursts.map((b) => b.k.votes ?? 0));
  return (
    <section className="ws-vote" aria-label="Dot voting" data-testid="ws-vote">
      <div className="ws-vote__budget">
        <label>
          <input
            type="number"
            min={1}
            max={100}
            value={participants}
            onChange={(e) => setBudget(Number(e.target.value), dotsEach)}
            aria-label="Participants"
            data-testid="ws-participants"
          />
          participants
        </label>
        <span>×</span>
        <label>
          <input
            type="number"
            min={1}
            max={20}
            value={dotsEach}
            onChange={(e) => setBudget(participants, Number(e.target.value))}
            aria-label="Dots per participant"
            data-testid="ws-dots-each"
          />
          dots each
        </label>
        <span className="ws-vote__left" data-testid="ws-dots-left" data-left={left} data-cast={cast}>
          {cast} of {budget} dots cast · <strong>{left} left</strong>
        </span>
        <button type="button" className="ws-button" onClick={() => void resetVotes()} disabled={cast === 0} data-testid="ws-votes-reset">
          Reset votes
        </button>
      </div>
      {voteError && (
        <p className="ws-vote__error" role="alert">
          {voteError}
        </p>
      )}
      {bursts.length === 0 ? (
        <p className="ws-vote__empty">This map has no kaizen bursts yet: add improvement ideas to its steps, then vote on them here.</p>
      ) : (
        <ul className="ws-vote__list">
          {bursts.map(({ step, k, index }) => {
            const votes = k.votes ?? 0;
            return (
              <li
                key={`${step.id}-${index}`}
                className={`ws-burst${votes > 0 && votes === top ? ' ws-burst--top' : ''}`}
                data-testid="ws-burst"
                data-step-id={step.id}
                data-index={index}
                data-votes={votes}
              >
                <KaizenBurst count={votes} size={64} title={`${votes} votes`} />
                <div className="ws-burst__text">
                  <strong>{k.text}</strong>
                  <span>
                    {step.name}
                    {k.waste ? ` · ${wasteLabel(k.waste)}` : ''}
                    {k.owner ? ` · ${k.owner}` : ''}
                  </span>
                </div>
                <div className="ws-burst__dots" aria-label={`${votes} votes`}>
                  {Array.from({ length: Math.min(votes, 24) }, (_, d) => (
                    <span key={d} className="ws-dot" />
                  ))}
                  {votes > 24 && <span className="ws-burst__more">+{votes - 24}</span>}
                </div>
                <div className="ws-burst__buttons">
                  <button
                    type="button"
                    className="ws-button ws-button--round"
                    onClick={() => void vote(step.id, index, -1)}
                    disabled={votes === 0}
                    aria-label={`Take a dot back from ${k.text}`}
                    data-testid="ws-unvote"
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="ws-button ws-button--round ws-button--primary"
                    onClick={() => void vote(step.id, index, 1)}
                    disabled={left === 0}
                    aria-label={`Put a dot on ${k.text}`}
                    data-testid="ws-vote-add"
                  >
                    +
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
