import type { LogLevel, LogLine } from '@ensemble/client/studio';

export type LevelFilter = LogLevel | 'all';

/** Lines at `level` (or all) whose text or author contains `query` (case-insensitive). */
export function filterLines(lines: LogLine[], level: LevelFilter, query: string): LogLine[] {
  const q = query.trim().toLowerCase();
  return lines.filter(
    (line) =>
      (level === 'all' || line.level === level) &&
      (!q || line.text.toLowerCase().includes(q) || line.by.name.toLowerCase().includes(q)),
  );
}

export function countByLevel(lines: LogLine[]): Record<LogLevel, number> {
  const counts: Record<LogLevel, number> = { log: 0, info: 0, warn: 0, error: 0 };
  for (const line of lines) counts[line.level]++;
  return counts;
}
