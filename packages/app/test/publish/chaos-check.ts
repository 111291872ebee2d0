import type { FakePost } from '@ensemble/publish/test-support';

export interface PostOutcome {
  id: string;
  content: string;
  status: string;
  external_id: string | null;
  last_error_code: string | null;
  last_error: string | null;
  events: string[] | null;
}

export interface ChaosReport {
  counts: {
    published: number;
    /** Published posts completed by a lookup after a lost reply or a killed worker (no re-post). */
    foundExisting: number;
    unconfirmed: number;
    failed: number;
    abandonedAttempts: number;
    retries: number;
  };
  /** Texts on the platform more than once, or platform posts no row accounts for. */
  duplicates: string[];
  /** `published` rows with nothing on the platform. */
  missing: string[];
  /** Row and platform disagree (wrong external id; `failed` yet on the platform). */
  mismatched: string[];
  /** End states the scenario cannot explain (anything but published/unconfirmed/exhausted). */
  unexplained: string[];
  explanations: string[];
}

/**
 * Compares the database's end state with what the fake platform actually holds. Every post text is
 * unique, so the platform's posts are matched to rows by text.
 */
export function checkOutcomes(rows: PostOutcome[], platform: readonly FakePost[]): ChaosReport {
  const byText = new Map<string, FakePost[]>();
  for (const post of platform) byText.set(post.text, [...(byText.get(post.text) ?? []), post]);
  const report: ChaosReport = {
    counts: { published: 0, foundExisting: 0, unconfirmed: 0, failed: 0, abandonedAttempts: 0, retries: 0 },
    duplicates: [],
    missing: [],
    mismatched: [],
    unexplained: [],
    explanations: [],
  };
  const known = new Set(rows.map((r) => r.content));
  for (const text of byText.keys())
    if (!known.has(text)) report.duplicates.push(`stray platform post: ${text}`);

  for (const row of rows) {
    const events = row.events ?? [];
    const onPlatform = byText.get(row.content) ?? [];
    report.counts.abandonedAttempts += events.filter((e) => e === 'abandoned').length;
    report.counts.retries += events.filter((e) => e === 'retry').length;
    if (onPlatform.length > 1)
      report.duplicates.push(`${row.id} is on the platform ${onPlatform.length} times`);
    switch (row.status) {
      case 'published':
        report.counts.published++;
        if (events.includes('found_existing')) report.counts.foundExisting++;
        if (onPlatform.length === 0) report.missing.push(`${row.id} is published but not on the platform`);
        else if (onPlatform[0]!.id !== row.external_id)
          report.mismatched.push(`${row.id}: external id ${row.external_id} ≠ ${onPlatform[0]!.id}`);
        break;
      case 'unconfirmed':
        // The system could not tell and said so; the platform may or may not have it (never twice).
        report.counts.unconfirmed++;
        report.explanations.push(
          `unconfirmed ${row.id} (on platform: ${onPlatform.length}; events ${events.join(',')}): ${row.last_error}`,
        );
        break;
      case 'failed':
        report.counts.failed++;
        if (onPlatform.length > 0) report.mismatched.push(`${row.id} is failed but on the platform`);
        // Three workers died holding this post: the attempt budget is spent and the lookup found nothing.
        if (row.last_error_code !== 'attempts_exhausted')
          report.unexplained.push(`${row.id} failed: ${row.last_error_code} ${row.last_error}`);
        report.explanations.push(`failed ${row.id} (events ${events.join(',')}): ${row.last_error}`);
        break;
      default:
        report.unexplained.push(`${row.id} ended ${row.status}`);
    }
  }
  return report;
}
