import { useState, type ReactNode } from 'react';
import { useUi } from '../settings';
import type { Text } from '../text';
import { MODES } from '../tokens';
import { Pager } from './pager';

export interface Choice {
  id: string;
  label: Text;
  detail?: Text;
  /** Why it cannot be chosen here now (its devices are down…). Still tappable: the screen then says where to go. */
  unavailable?: Text;
  icon?: ReactNode;
}

export interface ChoiceListProps {
  choices: readonly Choice[];
  onChoose: (id: string) => void;
  /** Names the list for assistive technology. */
  label: Text;
}

/**
 * Large choices, a page at a time: fewer per page in elder mode (tokens). Switching mode keeps the
 * first choice on screen visible.
 */
export function ChoiceList({ choices, onChoose, label }: ChoiceListProps) {
  const { t, mode, orientation } = useUi();
  const perPage = MODES[mode].choicesPerPage[orientation];
  const [first, setFirst] = useState(0);
  const pages = Math.max(1, Math.ceil(choices.length / perPage));
  const page = Math.min(Math.floor(first / perPage), pages - 1);
  const shown = choices.slice(page * perPage, page * perPage + perPage);
  return (
    <nav className="ui-choices" aria-label={t(label)}>
      <ul className="ui-choice-list">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`ui-choice${c.unavailable ? ' is-unavailable' : ''}`}
              data-choice={c.id}
              onClick={() => onChoose(c.id)}
            >
              {c.icon}
              <span className="ui-choice-text">
                <span className="ui-choice-label">{t(c.label)}</span>
                {c.detail && !c.unavailable && <span className="ui-muted">{t(c.detail)}</span>}
                {c.unavailable && (
                  <span className="ui-choice-reason">
                    <strong>{t('choice.unavailable')}</strong> · {t(c.unavailable)}
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <Pager page={page} pages={pages} onPage={(p) => setFirst(p * perPage)} testId="choices" />
    </nav>
  );
}
