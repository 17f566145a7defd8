// One line that never clips (issue 16, item 3): when its text is wider than its box it shrinks its own font, step by
// step, down to half size, and grows back when there is room again (a resize, a shorter figure after a refresh).
// The box keeps its style (font size and all); only an inner span is scaled, in em, so units scale with the figure.
import { useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';

export default function FitLine({ children, style, testId }: { children: ReactNode; style?: CSSProperties; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    const text = inner.current;
    if (!el || !text) return;
    const fit = () => {
      let scale = 1;
      text.style.fontSize = '1em';
      while (el.scrollWidth > el.clientWidth && scale > 0.5) {
        scale -= 0.05;
        text.style.fontSize = `${scale.toFixed(2)}em`;
      }
      el.dataset.scale = scale.toFixed(2);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [children]);
  return (
    <div ref={box} style={{ ...style, whiteSpace: 'nowrap', overflow: 'hidden' }} data-testid={testId}>
      <span ref={inner}>{children}</span>
    </div>
  );
}
