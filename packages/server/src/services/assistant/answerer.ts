import type { ActivitySummary } from '../activity/summary.js';
import type { Change } from '../history/diff.js';
import type { LockInfo } from '../locks/lock-service.js';
import type { ChatLine } from '../service.js';

/** Someone in the room, one entry per user. */
export interface Person {
  userId: string;
  name: string;
  connections: number;
  /** From the presence service when the room has one. */
  status?: string;
  typingIn?: string | null;
}

/** One logged update that touched a key, newest last. */
export interface KeyChange {
  userId: string;
  name: string;
  at: string;
  seq: number;
}

export interface KeyHistory {
  target: string;
  changes: KeyChange[];
  /** How many logged updates were read, and whether that was the whole log of the room. */
  scanned: number;
  complete: boolean;
}

export interface ChangesSince {
  since: string;
  changes: Change[];
  /** Display names of everyone who changed something in between. */
  authors: string[];
}

/**
 * What an answerer may know about its room, read on demand. Each part is null when the room has no
 * service for it (no chat, no history store…), so answerers say so instead of failing.
 */
export interface RoomFacts {
  readonly room: string;
  now(): number;
  people(): Person[];
  locks(): Promise<LockInfo[] | null>;
  recentChat(limit: number): Promise<ChatLine[] | null>;
  activity(windowMs: number): Promise<ActivitySummary | null>;
  /** Who changed `target` (a root-map key like `node:7`, or a root name like `code`), from the update log. */
  keyHistory(target: string): Promise<KeyHistory | null>;
  changesSince(at: number): Promise<ChangesSince | null>;
  /** When the newest named version was saved, if any. */
  lastVersion(): Promise<{ name: string; at: number } | null>;
}

export interface AnswerRequest {
  question: string;
  asker: { userId: string; name: string };
  facts: RoomFacts;
  /** Aborted when the room unloads; stop and return. */
  signal: AbortSignal;
}

/**
 * Answers questions for the room's assistant: yields the answer in pieces (streamed to every member
 * as `answer.delta`). Throw `AnswerError` for a failure people should read in the thread.
 */
export interface Answerer {
  readonly name: string;
  /** Whether this answerer takes the question; the first that does answers it. Default: yes. */
  accepts?(question: string, now: number): boolean;
  answer(request: AnswerRequest): AsyncIterable<string>;
}

/** A failure whose message is written for the people in the room ("the model server answered HTTP 500"). */
export class AnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnswerError';
  }
}
