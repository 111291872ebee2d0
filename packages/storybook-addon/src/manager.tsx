// Storybook bundles manager entries with the classic JSX transform: React must be in scope.
import React from 'react';
import { AddonPanel } from 'storybook/internal/components';
import { addons, types, useGlobals } from 'storybook/manager-api';
import { ADDON_ID, EMPTY_STATE, EVENTS, PANEL_ID, type PanelState, USER_GLOBAL } from './channel.js';
import { Panel } from './Panel.js';

/** The latest state the preview reported; kept outside React so a panel mounted later sees it. */
let current: PanelState = EMPTY_STATE;
const listeners = new Set<() => void>();
const store = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => current,
};

function usePanelState(): PanelState {
  return React.useSyncExternalStore(store.subscribe, store.get, store.get);
}

function ConnectedPanel() {
  const state = usePanelState();
  const [, updateGlobals] = useGlobals();
  return (
    <Panel
      state={state}
      onSend={(text) => addons.getChannel().emit(EVENTS.chatSend, { text })}
      onRename={(name) => updateGlobals({ [USER_GLOBAL]: name })}
    />
  );
}

function Title() {
  const state = usePanelState();
  const count = state.others.length + (state.me ? 1 : 0);
  return <span>{count > 1 ? `Multiplayer (${count})` : 'Multiplayer'}</span>;
}

addons.register(ADDON_ID, () => {
  const channel = addons.getChannel();
  channel.on(EVENTS.state, (state: PanelState) => {
    current = state;
    for (const listener of [...listeners]) listener();
  });
  // The preview may have announced itself before this listener existed.
  channel.emit(EVENTS.requestState);

  addons.add(PANEL_ID, {
    type: types.PANEL,
    title: Title,
    paramKey: 'ensemble',
    render: ({ active }) => (
      <AddonPanel active={Boolean(active)}>
        <ConnectedPanel />
      </AddonPanel>
    ),
  });
});
