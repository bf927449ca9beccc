import { formatExactTime, formatRelativeTime } from './format';
import { useNow } from './use-now';

/** "5 min ago" / "in 2 h", with the exact local time on hover and in the markup. */
export function RelativeTime({ at }: { at: number }) {
  const now = useNow();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatExactTime(at)}>
      {formatRelativeTime(at, now)}
    </time>
  );
}
