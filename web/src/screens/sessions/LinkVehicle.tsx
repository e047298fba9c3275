import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorBanner, Field } from '../../forms/Field';
import { matchField } from '../../forms/fieldError';
import { describeError } from '../../forms/SpecForm';
import type { VehicleInfo } from './lookups';
import type { Session } from './types';

/** Ties the session to a vehicle by hand (or unties it), when recognition could not. */
export function LinkVehicle({ session, vehicles, onLinked }: {
  session: Session; vehicles: VehicleInfo[]; onLinked: (session: Session) => void;
}) {
  const id = useId().replace(/:/g, '');
  const [vehicleId, setVehicleId] = useState(session.vehicleId ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setVehicleId(session.vehicleId ?? ''), [session.vehicleId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.put<Session>(`/api/v1/sessions/${session.transactionId}/vehicle`, { vehicleId: vehicleId || null });
      onLinked(updated);
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unexpected', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = matchField(error?.field, ['vehicleId']) ? error?.message : undefined;
  return (
    <form className="ss-link-form" onSubmit={submit} aria-label="Link the session to a vehicle" noValidate>
      <ErrorBanner message={error && !fieldError ? describeError(error) : null} />
      <Field id={`${id}-vehicle`} label="Charged vehicle" error={fieldError}>
        {(c) => (
          <select {...c} value={vehicleId} onChange={(e) => { setVehicleId(e.target.value); setSaved(false); }}>
            <option value="">No vehicle</option>
            {vehicles.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
            {vehicleId && !vehicles.some((v) => v.id === vehicleId) && <option value={vehicleId}>Deleted vehicle</option>}
          </select>
        )}
      </Field>
      <button type="submit" className="fm-button" disabled={busy || vehicleId === (session.vehicleId ?? '')}>Link vehicle</button>
      {saved && <span className="fm-notice" role="status">Saved.</span>}
    </form>
  );
}
