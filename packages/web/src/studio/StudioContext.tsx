import type { Room } from '@ensemble/client';
import type { Studio } from '@ensemble/client/studio';
import { createContext, useContext } from 'react';
import type { SessionUser } from '../api';
import type { IdleLocks } from './logic/idleLocks';

export interface StudioContextValue {
  room: Room;
  studio: Studio;
  me: SessionUser;
  /** Soft locks taken automatically while editing, released after the idle time. */
  idleLocks: IdleLocks;
  /** Call on every local edit: drives my presence status ("editing"). */
  noteEdit(): void;
  /** Shows a short message in the workspace's status line (refusals, errors). */
  notify(message: string): void;
}

export const StudioContext = createContext<StudioContextValue | null>(null);

export function useStudio(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('useStudio() outside a Studio workspace');
  return value;
}
