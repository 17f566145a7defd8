// A home card's title with the number that waits beside it: every section shows its count the same way.
import { Badge, Space } from 'antd';
import type { ComponentProps, ReactNode } from 'react';

export function CountTitle({ title, ...badge }: { title: ReactNode } & ComponentProps<typeof Badge>) {
  return (
    <Space>
      {title}
      <Badge showZero {...badge} />
    </Space>
  );
}
