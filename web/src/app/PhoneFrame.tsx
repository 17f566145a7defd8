// The phone-sized frame shared by the residents' app (/m) and the grid worker's view (/grid/mine): one column capped
// at a phone's width, under a slim sticky bar with a back button (none on the home page), a title and the language.
import type { ReactNode } from 'react';
import { Button, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import LanguageSwitch from './LanguageSwitch.tsx';

export const MOBILE_MAX_WIDTH = 480;

/** The page column: full width on a phone, centred and capped on anything larger. */
export function MobileFrame({ children, header }: { children: ReactNode; header?: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }} data-testid="m-frame">
      <div style={{ maxWidth: MOBILE_MAX_WIDTH, margin: '0 auto', minHeight: '100vh', background: '#f5f6f8' }}>
        {header}
        <main style={{ padding: '12px 12px 32px' }}>{children}</main>
      </div>
    </div>
  );
}

export interface PhoneBarProps {
  title: string;
  /** The bar's colour: each app has its own, so a shared phone shows which one is open. */
  background: string;
  /** Where back leads; none on the home page. */
  back: { label: string; testId: string; onClick(): void } | null;
  /** After the language switch (the residents' sign-out). */
  children?: ReactNode;
}

export function PhoneBar({ title, background, back, children }: PhoneBarProps) {
  return (
    <header
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 10,
        height: 48,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: '0 8px',
        background,
        color: '#fff',
      }}
    >
      {back ? (
        <Button
          type="text"
          aria-label={back.label}
          icon={<LeftOutlined style={{ color: '#fff' }} />}
          onClick={back.onClick}
          data-testid={back.testId}
        />
      ) : (
        <span style={{ width: 32 }} />
      )}
      <Typography.Text strong style={{ color: '#fff', fontSize: 16, flex: 1 }} ellipsis>
        {title}
      </Typography.Text>
      <LanguageSwitch dark />
      {children}
    </header>
  );
}
