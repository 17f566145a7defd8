// The ballots of a project this browser knows of, kept in localStorage. The API has no call that
// lists a project's ballots (nor one that reads a ballot's title or kind), so a ballot is known
// here once it was opened in this browser or looked up by its id (e.g. from a shared link).
import { useCallback, useState } from 'react';
import type { KnownBallot } from './types.ts';

const key = (projectId: string) => `renova.ballots.${projectId}`;

function read(projectId: string): KnownBallot[] {
  try {
    const raw = localStorage.getItem(key(projectId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as KnownBallot[]).filter((b) => typeof b?.id === 'string') : [];
  } catch {
    return [];
  }
}

function write(projectId: string, items: KnownBallot[]): void {
  try {
    localStorage.setItem(key(projectId), JSON.stringify(items));
  } catch {
    /* storage may be unavailable */
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function useKnownBallots(projectId: string) {
  const [items, setItems] = useState<KnownBallot[]>(() => read(projectId));
  const remember = useCallback(
    (ballot: KnownBallot) => {
      setItems((prev) => {
        const old = prev.find((b) => b.id === ballot.id);
        const merged = { ...old, ...ballot };
        const next = [merged, ...prev.filter((b) => b.id !== ballot.id)];
        write(projectId, next);
        return next;
      });
    },
    [projectId],
  );
  return { items, remember };
}
