import type { Room } from '@ensemble/client';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { UPDATE_STORY_ARGS } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
import type { Args } from './arg-sync.js';
import { CursorLayer } from './CursorLayer.js';
import { EMPTY_STATE, EVENTS, type PanelState } from './channel.js';
import { type EnsembleParameters, resolveConfig, userNameOf } from './config.js';
import { leaseRoom, sessionFor } from './session.js';
import { StoryBinding } from './story-binding.js';

export interface EnsembleStoryProps {
  storyId: string;
  args: Args;
  parameters: EnsembleParameters | undefined;
  /** The `ensembleUser` global. */
  userGlobal: unknown;
  children: ReactNode;
}

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode, sandboxed iframe)
  }
}

function emitState(state: PanelState): void {
  addons.getChannel().emit(EVENTS.state, state);
}

/**
 * Joins the story's room while it is shown: shares its args, reports my cursor, draws others', and
 * keeps the manager panel informed. The story itself renders untouched.
 */
export function EnsembleStory({ storyId, args, parameters, userGlobal, children }: EnsembleStoryProps) {
  const config = useMemo(
    () => resolveConfig(parameters, storyId, window.location.origin),
    [parameters, storyId],
  );
  const userName = useMemo(() => userNameOf(userGlobal, browserStorage()), [userGlobal]);
  const [joined, setJoined] = useState<{ room: Room; binding: StoryBinding } | undefined>();
  const argsRef = useRef(args);
  argsRef.current = args;

  useEffect(() => {
    const base = { ...EMPTY_STATE, storyId, room: config?.room ?? '' };
    if (!config) {
      emitState(base);
      return;
    }
    emitState({ ...base, status: 'connecting' });
    const channel = addons.getChannel();
    let cancelled = false;
    let leave: (() => void) | undefined;
    sessionFor(config, userName).then(
      ({ client, me }) => {
        if (cancelled) return;
        const lease = leaseRoom(client, config.room);
        const binding = new StoryBinding({
          room: lease.room,
          storyId,
          me,
          initialArgs: argsRef.current,
          exclude: config.exclude,
          updateArgs: (updatedArgs) => channel.emit(UPDATE_STORY_ARGS, { storyId, updatedArgs }),
          onState: emitState,
        });
        const onChat = (payload: { text?: unknown }) => {
          if (typeof payload?.text === 'string') void binding.sendChat(payload.text);
        };
        const onRequest = () => binding.announce();
        channel.on(EVENTS.chatSend, onChat);
        channel.on(EVENTS.requestState, onRequest);
        leave = () => {
          channel.off(EVENTS.chatSend, onChat);
          channel.off(EVENTS.requestState, onRequest);
          binding.destroy();
          lease.release();
        };
        setJoined({ room: lease.room, binding });
      },
      (error: unknown) => {
        if (cancelled) return;
        const message = error instanceof Error ? error.message : String(error);
        emitState({ ...base, status: 'error', error: message });
      },
    );
    return () => {
      cancelled = true;
      leave?.();
      setJoined(undefined);
    };
  }, [config, userName, storyId]);

  useEffect(() => {
    joined?.binding.localArgs(args);
  }, [joined, args]);

  return (
    <>
      {children}
      {joined && config?.cursors ? <CursorLayer room={joined.room} binding={joined.binding} /> : null}
    </>
  );
}
