import { createContext, useContext, useEffect, useReducer, useState, type ReactNode } from 'react';
import { applyLiveEvent, emptyLive, type LiveEvent, type LiveState } from './live';

interface LiveContextValue { state: LiveState; connected: boolean }
const LiveContext = createContext<LiveContextValue>({ state: emptyLive, connected: false });

const kinds = ['snapshot', 'charger', 'connector', 'loadGroup', 'site'] as const;

/** Opens the event stream once for every screen below it; EventSource reconnects by itself. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(applyLiveEvent, emptyLive);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/v1/stream', { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    for (const kind of kinds)
      source.addEventListener(kind, (message) => {
        const m = message as MessageEvent<string>;
        dispatch({ type: kind, data: JSON.parse(m.data), id: Number(m.lastEventId) } as LiveEvent);
      });
    return () => source.close();
  }, []);
  return <LiveContext.Provider value={{ state, connected }}>{children}</LiveContext.Provider>;
}

/** The live state and whether the stream is connected now. */
export function useLive(): LiveContextValue {
  return useContext(LiveContext);
}
