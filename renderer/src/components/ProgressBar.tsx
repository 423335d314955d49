interface ProgressBarProps {
  value: number;
  max: number;
  /** What the bar counts, read out with it ("Importing files"). */
  label: string;
  /** The counts in words, shown beside the bar. */
  detail: string;
}

/** A labelled progress bar with its counts in words. */
export function ProgressBar({ value, max, label, detail }: ProgressBarProps) {
  return (
    <div className="progress-bar">
      <progress aria-label={label} value={value} max={Math.max(max, 1)} />
      <span className="progress-detail" aria-live="polite">
        {detail}
      </span>
    </div>
  );
}
