import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { kioskHost } from './shell/host';
import { Kiosk } from './shell/kiosk';

const host = kioskHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Kiosk host={host} />
  </StrictMode>,
);
