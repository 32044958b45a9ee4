import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { UiRoot } from './ui/settings';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <UiRoot>
      <App />
    </UiRoot>
  </StrictMode>,
);
