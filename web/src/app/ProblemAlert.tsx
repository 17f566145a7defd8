// A failed request explained: the problem's detail, each field error, and anything the caller adds
// (e.g. the materials a step still lacks). Used wherever a 409/422 problem+json should be read in full.
import type { ReactNode } from 'react';
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from './api.ts';

interface Props {
  title: ReactNode;
  error: unknown;
  extra?: ReactNode;
  testId?: string;
  onClose?: () => void;
}

export default function ProblemAlert({ title, error, extra, testId = 'problem', onClose }: Props) {
  const problem = error instanceof ApiError ? error.problem : null;
  const errors = problem?.errors ?? [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-status={error instanceof ApiError ? String(error.status) : undefined}
      closable={onClose ? { onClose } : undefined}
      title={title}
      description={
        <>
          <div data-testid={`${testId}-detail`}>{errorMessage(error)}</div>
          {errors.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid={`${testId}-errors`}>
              {errors.map((e, i) => (
                <li key={i}>
                  {e.path ? <code>{e.path}</code> : null}
                  {e.path ? '：' : ''}
                  {e.message}
                </li>
              ))}
            </ul>
          )}
          {extra}
        </>
      }
    />
  );
}

/**
 * A page's data that did not load: a 404 reads as not found (or out of the reader's scope), anything else is
 * explained with a retry. Test ids: `<testId>-not-found`, `<testId>-error`.
 */
export function LoadFailure(props: { error: unknown; title: ReactNode; notFoundTitle: ReactNode; testId: string; onRetry: () => void }) {
  const { t } = useTranslation();
  if (props.error instanceof ApiError && props.error.status === 404)
    return <Result status="404" title={props.notFoundTitle} data-testid={`${props.testId}-not-found`} />;
  return (
    <ProblemAlert
      testId={`${props.testId}-error`}
      title={props.title}
      error={props.error}
      extra={
        <Button size="small" style={{ marginTop: 8 }} onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
