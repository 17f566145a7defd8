// 技术详情: ids, keys and hashes folded away for those who verify them, closed until asked for. Everything inside
// carries `data-tech`, which the words test (e2e/words.e2e.test.ts) reads as "shown on purpose, to those who open it".
import { useState, type ReactNode } from 'react';
import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function TechDetails({ children, inline = false }: { children: ReactNode; inline?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (inline)
    return (
      <span data-tech="" data-testid="tech-details">
        <Typography.Link type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }} onClick={() => setOpen((o) => !o)}>
          {t('common.techDetails')}
        </Typography.Link>
        {/* Rendered while closed too, so whoever verifies can still copy it from the page's text. */}
        <span style={{ marginInlineStart: 8, display: open ? undefined : 'none' }}>{children}</span>
      </span>
    );
  return (
    <div data-tech="" data-testid="tech-details">
      <Collapse size="small" ghost items={[{ key: 'tech', label: t('common.techDetails'), children }]} />
    </div>
  );
}
