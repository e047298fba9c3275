import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export interface FetchState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetch again (after a command, or when the live stream says something changed). */
  reload: () => void;
}

/**
 * Runs `load` when `key` changes and keeps the latest answer; a stale answer (an older key's) is
 * dropped so fast filter changes never show the wrong list.
 */
export function useFetch<T>(load: () => Promise<T>, key: string): FetchState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (cause: unknown) => {
        if (!current) return;
        setError(cause instanceof ApiError ? cause : new ApiError(0, 'unexpected', String(cause)));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  return { data, error, loading, reload };
}
