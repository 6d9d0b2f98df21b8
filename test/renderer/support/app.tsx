import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createApiClient, type ApiClient } from '../../../src/renderer/api';
import { createBridgeTransport } from '../../../src/renderer/api/bridgeTransport';
import {
  connectStore,
  createAppStore,
  StoreContext,
  type AppStore,
} from '../../../src/renderer/store';
import { Root } from '../../../src/renderer/views/Root';
import { connectWindow } from '../../../src/renderer/notifications';
import { FakeEngine } from './fakeEngine';

export interface Harness {
  readonly engine: FakeEngine;
  readonly api: ApiClient;
  readonly store: AppStore;
}

/** A store wired to a fake engine through the real api client and bridge transport. */
export function connectedStore(engine = new FakeEngine()): Harness {
  const api = createApiClient(createBridgeTransport(engine.bridge));
  const store = createAppStore(api);
  connectStore(store, api);
  return { engine, api, store };
}

/** The whole renderer, as main.tsx mounts it, against a fake engine. */
export function renderApp(engine = new FakeEngine()) {
  const harness = connectedStore(engine);
  connectWindow(harness.store, harness.api);
  const user = userEvent.setup();
  const view = render(
    <StoreContext value={harness.store}>
      <Root />
    </StoreContext>,
  );
  return { ...harness, ...view, user };
}
