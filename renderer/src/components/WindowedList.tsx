/**
 * A list of fixed-height rows that renders only the rows in view (plus a few either side).
 * The scroll height is rowCount * rowHeight, so 100,000 rows cost as much as 40.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type Props = {
  rowCount: number;
  rowHeight: number;
  overscan?: number;
  /** Changing it scrolls back to the top (a new query). */
  resetKey: string | number;
  renderRow: (index: number, top: number) => ReactNode;
  onRangeChange?: (start: number, end: number) => void;
  className?: string;
  role?: string;
  'aria-label'?: string;
};

export function WindowedList({
  rowCount,
  rowHeight,
  overscan = 8,
  resetKey,
  renderRow,
  onRangeChange,
  className,
  role,
  'aria-label': ariaLabel,
}: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setHeight(entry.contentRect.height);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (element) element.scrollTop = 0;
  }, [resetKey]);

  const firstVisible = Math.floor(scrollTop / rowHeight);
  const lastVisible = Math.ceil((scrollTop + height) / rowHeight);
  const start = Math.max(0, Math.min(rowCount, firstVisible - overscan));
  const end = Math.max(start, Math.min(rowCount, lastVisible + overscan));

  // Re-announced after a reset too: the new query needs the range even if it did not move.
  useEffect(() => {
    onRangeChange?.(start, end);
  }, [start, end, onRangeChange, resetKey]);

  const rows: ReactNode[] = [];
  for (let index = start; index < end; index += 1) rows.push(renderRow(index, index * rowHeight));

  return (
    <div
      ref={viewport}
      className={className}
      role={role}
      aria-label={ariaLabel}
      style={{ overflowY: 'auto', position: 'relative' }}
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop);
      }}
    >
      <div role="presentation" style={{ height: rowCount * rowHeight, position: 'relative' }}>
        {rows}
      </div>
    </div>
  );
}
