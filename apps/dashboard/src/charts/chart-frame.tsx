import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRem } from '../ui/use-now.js';

/**
 * Measures its width so SVG charts draw in real pixels: text stays legible in a narrow card
 * and does not balloon on a wall screen, which a scaled viewBox would do.
 */
export function ChartFrame({ heightRem, children }: { heightRem: number; children: (width: number, height: number) => ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const rem = useRem();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);
  const height = Math.round(heightRem * rem);
  return (
    <div ref={ref} class="chart-frame" style={{ height: `${height}px` }}>
      {width > 0 && children(width, height)}
    </div>
  );
}
