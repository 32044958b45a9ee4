import { useUi } from '../settings';
import { ActionButton } from './action-button';
import { NextGlyph, PrevGlyph } from './icons';

export interface PagerProps {
  /** 0-based. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** Test ids `<testId>-prev`, `<testId>-next`, `<testId>-page`. */
  testId: string;
  /** Arrows only, beside a row of candidates; otherwise labelled buttons around "page n of m". */
  compact?: boolean;
}

/** Previous / next page of a list; nothing when everything fits on one page. */
export function Pager({ page, pages, onPage, testId, compact }: PagerProps) {
  const { t } = useUi();
  if (pages <= 1) return null;
  const button = (delta: -1 | 1) => (
    <ActionButton
      variant={compact ? 'quiet' : 'secondary'}
      iconOnly={compact === true}
      label={delta < 0 ? 'action.prevPage' : 'action.nextPage'}
      icon={delta < 0 ? <PrevGlyph /> : <NextGlyph />}
      disabled={delta < 0 ? page === 0 : page >= pages - 1}
      onPress={() => onPage(page + delta)}
      testId={`${testId}-${delta < 0 ? 'prev' : 'next'}`}
    />
  );
  return (
    <div className={compact ? 'ui-pager ui-pager-compact' : 'ui-pager'}>
      {button(-1)}
      {!compact && (
        <span className="ui-pager-label" data-testid={`${testId}-page`}>
          {t({ key: 'choice.page', params: { n: page + 1, m: pages } })}
        </span>
      )}
      {button(1)}
    </div>
  );
}
