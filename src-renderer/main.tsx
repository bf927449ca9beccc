import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createControlClient } from './control-client/create-control-client';
import { ToastProvider } from './ui/toast';
import './ui/base.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const client = createControlClient({
  bridge: window.cliproxy,
  storage: window.sessionStorage,
  fetch: window.fetch.bind(window),
});

createRoot(container).render(
  <StrictMode>
    <ToastProvider>
      <App client={client} />
    </ToastProvider>
  </StrictMode>,
);
