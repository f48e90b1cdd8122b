import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type Query } from './client.js';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (with `query`) whenever either changes; `null` waits. The previous answer stays while the
 * next loads, so that paged tables do not flicker; a superseded request is aborted.
 */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const [state, setState] = useState<{ path?: string | null; data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== null,
  });
  const [generation, setGeneration] = useState(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  const queryRef = useRef(query);
  queryRef.current = query;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for path and query; generation reloads.
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    // Another resource: forget the previous one; another page of the same list: keep it while loading.
    setState((s) => ({ path, data: s.path === path ? s.data : undefined, loading: true }));
    api.get<T>(path, queryRef.current, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ path, data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'client_error', 'The answer could not be read.');
        setState((s) => ({ path, data: s.data, error: apiError, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && (state.loading || !current),
    reload,
  };
}
