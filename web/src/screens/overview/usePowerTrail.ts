import { useEffect, useState } from 'react';
import { appendLive, type PowerPoint } from './powerSeries';

/** Every value the live stream gives for a site's power while the screen is open, with its arrival time. */
export function usePowerTrail(powerKw: number | undefined): PowerPoint[] {
  const [trail, setTrail] = useState<PowerPoint[]>([]);
  useEffect(() => {
    if (powerKw === undefined) return;
    setTrail((t) => appendLive(t, { atMs: Date.now(), powerKw }));
  }, [powerKw]);
  return trail;
}

/** The current time, moving every `everyMs`, so charts slide along while nothing changes. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
