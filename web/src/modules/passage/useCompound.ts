// The compound a desk page works on, kept in the address (?compound=) so a reload or a shared link keeps it.
import { useSearchParams } from 'react-router';

export function useCompound(): [string | undefined, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const id = params.get('compound') ?? undefined;
  return [
    id,
    (next) =>
      setParams(
        (p) => {
          p.set('compound', next);
          return p;
        },
        { replace: true },
      ),
  ];
}
