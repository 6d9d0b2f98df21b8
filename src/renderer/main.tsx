// The renderer's entry: pick the transport, build the api client and the store, and render.
import { z } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, detectTransport, NoTransportError } from './api';
import { StartupErrorScreen } from './components/Screen';
import { connectWindow } from './notifications';
import { connectStore, createAppStore, StoreContext } from './store';
import { Root } from './views/Root';
import './styles/index.css';

// zod compiles fast parsers with `new Function` unless told not to; the CSP forbids eval, and
// even its probe would be reported as a violation.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

try {
  const api = createApiClient(detectTransport());
  const store = createAppStore(api);
  connectStore(store, api);
  connectWindow(store, api);
  root.render(
    <StrictMode>
      <StoreContext value={store}>
        <Root />
      </StoreContext>
    </StrictMode>,
  );
} catch (e) {
  const message =
    e instanceof NoTransportError ? e.message : 'Conclave could not start. Please reload.';
  if (!(e instanceof NoTransportError)) console.error(e);
  root.render(<StartupErrorScreen message={message} />);
}
