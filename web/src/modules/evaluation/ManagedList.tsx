// An evaluation list: the button that adds to it, for accounts that manage evaluation
// (evaluation.manage), above the cursor list itself.
import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import CursorTable, { type CursorTableProps } from '../../app/CursorTable.tsx';
import { useAuth } from '../accounts/index.ts';

interface Props<T> extends CursorTableProps<T> {
  addLabel: string;
  addTestId: string;
  onAdd: () => void;
  /** Modals and drawers the list opens. */
  children?: ReactNode;
}

export default function ManagedList<T extends { id: string }>({ addLabel, addTestId, onAdd, children, ...table }: Props<T>) {
  const { can } = useAuth();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {can('evaluation.manage') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={addTestId}>
          {addLabel}
        </Button>
      )}
      <CursorTable<T> {...table} />
      {children}
    </Space>
  );
}
