import type { Database } from '@ensemble/storage';
import {
  type AssistantExchange,
  type AssistantStore,
  type ThreadQuery,
  unknownExchange,
} from './assistant-store.js';

type ExchangeRow = {
  id: string;
  question: string;
  asked_by: string;
  asked_by_name: string;
  answerer: string;
  answer: string;
  status: AssistantExchange['status'];
  error: string | null;
  asked_at: Date;
  answered_at: Date | null;
};

const COLUMNS =
  'id, question, asked_by, asked_by_name, answerer, answer, status, error, asked_at, answered_at';

const toExchange = (r: ExchangeRow): AssistantExchange => ({
  id: r.id,
  question: r.question,
  askedBy: { userId: r.asked_by, name: r.asked_by_name },
  answerer: r.answerer,
  answer: r.answer,
  status: r.status,
  error: r.error,
  askedAt: r.asked_at.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
});

/** The assistant thread over `assistant_exchanges` (migration 0006); authorship from `sync_updates`. */
export class PgAssistantStore implements AssistantStore {
  constructor(private readonly db: Database) {}

  async insert(room: string, e: AssistantExchange): Promise<void> {
    await this.db.query(
      `INSERT INTO assistant_exchanges (id, room, question, asked_by, asked_by_name, answerer, answer, status, error, asked_at, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        e.id,
        room,
        e.question,
        e.askedBy.userId,
        e.askedBy.name,
        e.answerer,
        e.answer,
        e.status,
        e.error,
        e.askedAt,
        e.answeredAt,
      ],
    );
  }

  async finish(room: string, e: AssistantExchange): Promise<void> {
    await this.db.query(
      `UPDATE assistant_exchanges SET answer = $3, status = $4, error = $5, answered_at = $6
       WHERE room = $1 AND id = $2`,
      [room, e.id, e.answer, e.status, e.error, e.answeredAt],
    );
  }

  async thread(room: string, query: ThreadQuery): Promise<AssistantExchange[]> {
    const params: unknown[] = [room, query.limit];
    let cursor = '';
    if (query.before !== undefined) {
      const { rows } = await this.db.query<{ seq: number }>(
        'SELECT seq FROM assistant_exchanges WHERE room = $1 AND id::text = $2',
        [room, query.before],
      );
      if (!rows[0]) throw unknownExchange(query.before);
      params.push(rows[0].seq);
      cursor = ' AND seq < $3';
    }
    const { rows } = await this.db.query<ExchangeRow>(
      `SELECT ${COLUMNS} FROM assistant_exchanges WHERE room = $1${cursor} ORDER BY seq DESC LIMIT $2`,
      params,
    );
    return rows.reverse().map(toExchange);
  }

  async recentLogStart(room: string, count: number): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>(
      'SELECT seq FROM sync_updates WHERE room = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1',
      [room, count],
    );
    return rows[0]?.seq ?? 0;
  }
}
