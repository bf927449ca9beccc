import type { StatusTone } from './status-tone';
import './meter-ring.css';

export interface MeterRingProps {
  /** 0-100; null = unknown (an empty ring). */
  percent: number | null;
  tone: StatusTone;
  /** What a screen reader hears, e.g. "5-hour window: 40% used". */
  label: string;
  size?: number;
}

const STROKE = 4;

/** A small ring filled to `percent` (quota used, success rate), drawn in SVG; role img with its label. */
export function MeterRing({ percent, tone, label, size = 36 }: MeterRingProps) {
  const radius = (size - STROKE) / 2;
  const circumference = 2 * Math.PI * radius;
  const filled = percent === null ? 0 : (Math.min(100, Math.max(0, percent)) / 100) * circumference;
  return (
    <svg className={`meter-ring meter-${tone}`} width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <title>{label}</title>
      <circle className="meter-track" cx={size / 2} cy={size / 2} r={radius} strokeWidth={STROKE} fill="none" />
      <circle
        className="meter-fill"
        cx={size / 2}
        cy={size / 2}
        r={radius}
        strokeWidth={STROKE}
        fill="none"
        strokeDasharray={`${filled} ${circumference}`}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
      <text className="meter-text" x="50%" y="50%" dominantBaseline="central" textAnchor="middle">
        {percent === null ? '–' : `${Math.round(percent)}`}
      </text>
    </svg>
  );
}
