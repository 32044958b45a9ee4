// Entry of renderer/diagnostics.html: the technician's page, on the kiosk's own screen.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { kioskApi } from '../api/kiosk';
import { UiRoot } from '../ui/settings';
import { DiagnosticsApp } from './diagnostics-app';

const api = kioskApi();
api.ready();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <UiRoot>
      <DiagnosticsApp api={api.diag} onLeave={() => location.assign(`index.html${location.search}`)} />
    </UiRoot>
  </StrictMode>,
);
