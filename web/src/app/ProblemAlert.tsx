// A failed request explained: the problem's detail, each field error, and anything the caller adds
// (e.g. the materials a step still lacks). Used wherever a 409/422 problem+json should be read in full.
import type { ReactNode } from 'react';
import { Alert } from 'antd';
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
