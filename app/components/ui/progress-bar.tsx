/** A progress bar that is also text, for screen readers and without CSS. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div>
      <div
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
      >
        <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-600">{label}</p>
    </div>
  );
}
