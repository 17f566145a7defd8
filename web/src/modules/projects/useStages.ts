// The 11 lifecycle stages in order, with their names in the current language.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchStages, projectKeys } from './api.ts';
import type { StageInfo } from './types.ts';

const COLORS = ['default', 'cyan', 'geekblue', 'blue', 'purple', 'magenta', 'volcano', 'orange', 'gold', 'lime', 'green'];

export function useStages() {
  const { i18n, t } = useTranslation();
  const query = useQuery({ queryKey: projectKeys.stages(), queryFn: fetchStages, staleTime: 60 * 60_000 });
  const stages: StageInfo[] = query.data ?? [];
  const name = (stage: string | null | undefined) => {
    if (!stage) return '—';
    const info = stages.find((s) => s.stage === stage);
    // Before the server's list arrives (or if it fails) the interface's own words, never the code.
    if (!info) return t(`projects.stageNames.${stage}`, { defaultValue: '—' });
    return i18n.language === 'en' ? info.nameEn : info.nameZh;
  };
  const color = (stage: string) => {
    const i = stages.findIndex((s) => s.stage === stage);
    return i < 0 ? 'default' : (COLORS[i] ?? 'default');
  };
  return { stages, name, color, query };
}
