// Entry of renderer/diagnostics-harness.html (a test page, never shipped): the diagnostics screens
// answered from fixtures, in the screen, mode, language and orientation named in the query:
//   ?screen=devices&mode=elder&locale=en&orientation=landscape
// The clock is fixed (fixtures.NOW), so countdowns and times are the same on every run.
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../i18n/messages';
import { UiRoot } from '../../ui/settings';
import type { Orientation, UiMode } from '../../ui/tokens';
import { DiagClock } from '../clock';
import { DiagnosticsApp, SECTIONS, type Section } from '../diagnostics-app';
import { fakeDiagApi } from './fake-api';
import { NOW } from './fixtures';

const params = new URLSearchParams(location.search);
const screen = params.get('screen') ?? 'devices';
const section = (SECTIONS as readonly string[]).includes(screen) ? (screen as Section) : 'devices';

createRoot(document.getElementById('root')!).render(
  <UiRoot
    initialLocale={(params.get('locale') ?? 'zh-CN') as Locale}
    initialMode={(params.get('mode') ?? 'standard') as UiMode}
    orientation={(params.get('orientation') ?? 'portrait') as Orientation}
  >
    <DiagClock now={NOW}>
      <DiagnosticsApp api={fakeDiagApi(screen)} initialSection={section} />
    </DiagClock>
  </UiRoot>,
);
