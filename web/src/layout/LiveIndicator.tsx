import { useLive } from '../live/LiveProvider';

/** Whether the screens are live: the event stream's connection. */
export function LiveIndicator() {
  const { connected } = useLive();
  return (
    <span className={connected ? 'live live-on' : 'live live-off'} role="status" aria-label={connected ? 'Live updates connected' : 'Live updates disconnected'}>
      <span className="live-dot" aria-hidden="true" />
      {connected ? 'Live' : 'Reconnecting'}
    </span>
  );
}
