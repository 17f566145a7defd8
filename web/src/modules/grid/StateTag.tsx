// A grid event's state as a coloured tag in words.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATE_COLOR, stateName } from './labels.ts';

export default function StateTag({ state, testId }: { state: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {stateName(t, state)}
    </Tag>
  );
}
