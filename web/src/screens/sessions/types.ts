// Shapes of the sessions API (docs/api.md, "Sessions").

export interface Session {
  transactionId: number;
  stationTransactionId: string | null;
  chargerId: string;
  evseId: number;
  connectorId: number;
  idTag: string | null;
  authorization: string | null;
  status: 'active' | 'stopped';
  meterStartWh: number;
  meterStopWh: number | null;
  energyWh: number | null;
  startedAt: string;
  stoppedAt: string | null;
  stopIdTag: string | null;
  stopReason: string | null;
  chargingState: string | null;
  durationS: number | null;
  cost: { amount: number; currency: string } | null;
  vehicleId: string | null;
  vehicleLink: 'token' | 'schedule' | 'manual' | null;
}

export interface SessionPage { items: Session[]; nextCursor: string | null }

export interface MeterValue {
  timestamp: string;
  measurand: string;
  phase: string | null;
  location: string | null;
  context: string | null;
  value: number | null;
  unit: string | null;
}

export interface Cost { transactionId: number; amount: number; currency: string; tariffId: string }
