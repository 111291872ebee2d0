/**
 * What the `assistant` room service sends: the shared question-and-answer thread. The server produces
 * these shapes and the client SDK receives them, so they live here once.
 */

/** One question to the room's assistant and its answer, as stored and as every member sees it. */
export interface AssistantExchange {
  id: string;
  question: string;
  askedBy: { userId: string; name: string };
  /** Which answerer handled it: `facilitator`, or `model:<name>` when a model answered. */
  answerer: string;
  /** The answer so far; grows while `status` is `pending` (complete once it is `done`). */
  answer: string;
  status: 'pending' | 'done' | 'error';
  /** Why the answer ended early, for people to read ("the model server answered HTTP 500"). */
  error: string | null;
  askedAt: string;
  answeredAt: string | null;
}

export interface AssistantPage {
  /** Oldest first. */
  exchanges: AssistantExchange[];
  /** Pass as `before` for the previous (older) page; null when there is nothing older. */
  next: string | null;
}
