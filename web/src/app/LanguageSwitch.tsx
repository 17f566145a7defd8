// zh-CN / English switch; remembers the choice locally and in the user's profile.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../modules/accounts/index.ts';
import { isLocale } from './i18n/index.ts';

export default function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { i18n } = useTranslation();
  const { changeLocale } = useAuth();
  return (
    <Segmented
      data-testid="language-switch"
      size="small"
      value={i18n.language}
      style={dark ? { background: 'rgba(255,255,255,0.18)' } : undefined}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(value) => {
        if (isLocale(value)) void changeLocale(value);
      }}
    />
  );
}
