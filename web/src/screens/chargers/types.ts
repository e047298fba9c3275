// The API's records these screens read (docs/api.md: Chargers, Sessions, Commands, Message log).

export interface ChargerConnector {
  evseId: number; connectorId: number; status: string; errorCode?: string; info?: string;
  vendorErrorCode?: string; statusChangedAt?: string | null; type?: string | null; maxPowerKw?: number | null;
}

export interface Charger {
  id: string;
  registrationStatus: string;
  vendor: string; model: string; serialNumber?: string; firmwareVersion: string;
  ocppVersion: string;
  connected: boolean;
  lastSeen: string | null;
  lastBootAt: string | null;
  status: string;
  connectors?: ChargerConnector[];
  name: string | null; siteId: string | null; loadGroupId: string | null;
  maxPowerKw: number | null; phases: number | null;
}

export interface Session {
  transactionId: number; stationTransactionId: string | null; chargerId: string;
  evseId: number; connectorId: number; idTag: string | null; status: 'active' | 'stopped';
  energyWh: number | null; meterStartWh: number; startedAt: string; stoppedAt: string | null;
  stopReason: string | null; durationS: number | null; vehicleId: string | null;
}

export interface Page<T> { items: T[]; nextCursor?: string | null }

export interface LogFrame {
  time: string; chargerId: string; direction: 'in' | 'out'; type: 'CALL' | 'CALLRESULT' | 'CALLERROR';
  messageId: string; action: string | null; payload: unknown; frame: unknown; responseTimeMs: number | null;
}

export interface CommandRecord {
  id: string; action: string; request: unknown; apiKey: { id: string; name: string } | null;
  requestedAt: string; finishedAt: string | null; outcome: string; response: unknown;
  error: { code: string; description: string } | null;
}

export interface ConfigurationAnswer {
  configurationKey: { key: string; value: string | null; readonly: boolean }[];
  unknownKey: string[];
  updatedAt: string | null;
}
