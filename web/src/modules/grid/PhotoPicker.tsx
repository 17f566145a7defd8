// Photos picked for a patrol report or a handling step: each a removable chip, and a camera link while there is
// room. Nine per person and event, as the server allows (grid photos.service.ts).
import { Button, Space } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';

export const MAX_PHOTOS = 9;

export default function PhotoPicker(props: {
  photos: File[];
  onChange: (photos: File[]) => void;
  label: string;
  color: string;
  testId: string;
  max?: number;
}) {
  const { photos, onChange, label, color, testId, max = MAX_PHOTOS } = props;
  return (
    <div>
      <Space wrap size={6}>
        {photos.map((p, i) => (
          <Button key={`${p.name}-${i}`} size="small" icon={<CloseOutlined />} onClick={() => onChange(photos.filter((_, j) => j !== i))}>
            {p.name}
          </Button>
        ))}
      </Space>
      {photos.length < max && (
        <label style={{ display: 'flex', gap: 6, alignItems: 'center', cursor: 'pointer', marginTop: 6, color }}>
          <CameraOutlined /> {label}
          <input
            type="file"
            accept="image/png,image/jpeg"
            multiple
            hidden
            style={{ display: 'none' }}
            data-testid={testId}
            onChange={(e) => {
              const picked = [...(e.target.files ?? [])].filter((f) => f.type === 'image/png' || f.type === 'image/jpeg');
              onChange([...photos, ...picked].slice(0, max));
              e.target.value = '';
            }}
          />
        </label>
      )}
    </div>
  );
}
