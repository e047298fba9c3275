export type Tone = 'ok' | 'active' | 'busy' | 'warn' | 'fault' | 'muted';

/** The colour family of a status, for OCPP 1.6 and 2.0.1 spellings alike. */
export function statusTone(status: string): Tone {
  switch (status) {
    case 'Available':
    case 'Accepted':
    case 'Online':
      return 'ok';
    case 'Charging':
    case 'Active':
      return 'active';
    case 'Preparing':
    case 'Finishing':
    case 'SuspendedEV':
    case 'SuspendedEVSE':
    case 'Occupied':
    case 'Reserved':
      return 'busy';
    case 'Unavailable':
    case 'Pending':
      return 'warn';
    case 'Faulted':
    case 'Rejected':
    case 'not_connected':
    case 'timeout':
    case 'call_error':
    case 'invalid_response':
    case 'connection_lost':
      return 'fault';
    default:
      return 'muted';
  }
}
