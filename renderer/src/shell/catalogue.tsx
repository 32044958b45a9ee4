// The catalogue: services by theme, a search by hanzi, pinyin, pinyin initials or English (H5's
// catalogue search), and services whose devices are down shown as unavailable with a plain reason
// and the counter to go to. Choosing one is the host's business (`chooseService`).
import { useEffect, useMemo, useState } from 'react';
import type { CatalogueView, FlowInput, FlowView } from '../../../main/ipc/contract/flow';
import type { MessageKey } from '../i18n/messages';
import { loadCatalogueSearch, type CatalogueSearch } from '../input/catalogue-search';
import { TextEntry } from '../input/text-entry';
import { ActionButton, ChoiceList, FailurePanel, ProgressPanel, type Choice } from '../ui/components';
import { useUi } from '../ui/settings';
import type { Text } from '../ui/text';
import { StepFrame } from '../steps';

type Service = CatalogueView['services'][number];

/** Why a service cannot be used now, from the device roles it misses. */
export function unavailableReason(service: Service): Text {
  const role = service.missing?.[0];
  return role ? (`catalogue.missing.${role}` satisfies MessageKey) : 'catalogue.missing.unknown';
}

export interface CatalogueScreenProps {
  view: FlowView;
  catalogue: CatalogueView | undefined;
  send: (input: FlowInput) => void;
}

export function CatalogueScreen({ view, catalogue, send }: CatalogueScreenProps) {
  const { t } = useUi();
  const [theme, setTheme] = useState<string | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<CatalogueSearch>();
  const [blocked, setBlocked] = useState<Service>();

  const services = useMemo(() => catalogue?.services ?? [], [catalogue]);
  useEffect(() => {
    if (!searching || search) return;
    let live = true;
    void loadCatalogueSearch(services.map((s) => ({ id: s.serviceId, names: s.name }))).then(
      (s) => live && setSearch(s),
    );
    return () => {
      live = false;
    };
  }, [searching, search, services]);

  if (!catalogue)
    return (
      <StepFrame heading="catalogue.title">
        <ProgressPanel activity="catalogue.loading" />
      </StepFrame>
    );

  if (blocked)
    return (
      <StepFrame heading={blocked.name}>
        <FailurePanel title="catalogue.unavailableTitle" reason={unavailableReason(blocked)}>
          <ActionButton
            label="catalogue.backToList"
            onPress={() => setBlocked(undefined)}
            testId="catalogue-back"
          />
        </FailurePanel>
      </StepFrame>
    );

  const byId = new Map(services.map((s) => [s.serviceId, s]));
  const shown: Service[] = searching
    ? search && query
      ? search.find(query).flatMap((id) => byId.get(id) ?? [])
      : services
    : services.filter((s) => theme === undefined || s.theme === theme);
  const choices: Choice[] = shown.map((s) => ({
    id: s.serviceId,
    label: s.name,
    detail: s.summary,
    ...(s.available ? {} : { unavailable: unavailableReason(s) }),
  }));
  const choose = (id: string) => {
    const s = byId.get(id);
    if (!s) return;
    if (s.available) send({ kind: 'chooseService', serviceId: id });
    else setBlocked(s);
  };

  return (
    <StepFrame
      heading={searching ? 'catalogue.searchTitle' : 'catalogue.title'}
      lead={searching ? 'catalogue.searchLead' : 'catalogue.lead'}
      voice="step.chooseService"
      actions={
        searching ? (
          <ActionButton
            variant="secondary"
            label="catalogue.byTheme"
            onPress={() => {
              setSearching(false);
              setQuery('');
            }}
            testId="catalogue-themes"
          />
        ) : (
          <ActionButton
            variant="secondary"
            label="catalogue.search"
            onPress={() => setSearching(true)}
            testId="catalogue-search"
          />
        )
      }
    >
      {view.notice === 'cardUnreadable' && (
        <p className="shell-notice" role="alert" data-testid="notice">
          {t('notice.cardUnreadable')}
        </p>
      )}
      {searching ? (
        <TextEntry
          kind="pinyin"
          label="catalogue.searchField"
          value={query}
          onChange={setQuery}
          maxLength={20}
          testId="catalogue-query"
        />
      ) : (
        <div className="shell-themes" role="tablist" aria-label={t('catalogue.themes')}>
          <ThemeTab id={undefined} name="catalogue.allThemes" theme={theme} onPick={setTheme} />
          {catalogue.themes.map((th) => (
            <ThemeTab key={th.id} id={th.id} name={th.name} theme={theme} onPick={setTheme} />
          ))}
        </div>
      )}
      {shown.length === 0 && query ? (
        <p className="ui-lead" data-testid="catalogue-empty">
          {t('catalogue.noMatch')}
        </p>
      ) : (
        <ChoiceList
          key={`${theme ?? ''}|${query}`}
          choices={choices}
          onChoose={choose}
          label="catalogue.services"
        />
      )}
    </StepFrame>
  );
}

function ThemeTab(props: {
  id: string | undefined;
  name: Text;
  theme: string | undefined;
  onPick: (id: string | undefined) => void;
}) {
  const { t } = useUi();
  const selected = props.id === props.theme;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      className={`shell-theme${selected ? ' is-selected' : ''}`}
      onClick={() => props.onPick(props.id)}
      data-theme={props.id ?? 'all'}
    >
      {t(props.name)}
    </button>
  );
}
