import { useEffect, useState } from 'react';

/**
 * The most recent non-undefined `value`, so a view can keep showing the last good answer
 * while a later one fails.
 *
 * @example
 * const lastInfo = useLastDefined(snapshot?.info.ok ? snapshot.info.value : undefined);
 */
export function useLastDefined<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState<T | undefined>(value);
  useEffect(() => {
    if (value !== undefined) setLast(value);
  }, [value]);
  return value ?? last;
}
