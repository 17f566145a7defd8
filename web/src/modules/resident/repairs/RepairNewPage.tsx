// 物业报修 (/m/repair): the home (when the resident has several), the category with the time it is due in, what is
// wrong, and up to nine photos. The household's place comes from the resident's binding: nothing to pin.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { localName } from '../../repairs/index.ts';
import { fetchRepairOptions, fileRepair, myRepairKeys } from './api.ts';

interface Photo {
  file: File;
  url: string;
}

const ACCEPTED = ['image/png', 'image/jpeg'];

export default function RepairNewPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: myRepairKeys.options, queryFn: fetchRepairOptions });
  const [householdId, setHouseholdId] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [missing, setMissing] = useState<string[]>([]);

  // Object URLs of the thumbnails are released when the page goes.
  const shown = useRef<Photo[]>([]);
  shown.current = photos;
  useEffect(() => () => shown.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const homes = options.data?.households ?? [];
  const home = homes.find((h) => h.id === householdId) ?? homes[0];
  const maxPhotos = options.data?.maxPhotos ?? 9;
  const photoMaxMb = options.data?.photoMaxMb ?? 10;

  const file = useMutation({
    mutationFn: () =>
      fileRepair({ category: category!, description: description.trim(), householdId: home?.id, photos: photos.map((p) => p.file) }),
    onSuccess: async (filed) => {
      void message.success(t('repairs.resident.filed'));
      await queryClient.invalidateQueries({ queryKey: myRepairKeys.all });
      void navigate(`/m/repairs/${filed.id}`, { replace: true });
    },
  });

  if (options.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (options.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('repairs.loadFailed')} error={options.error} testId="m-repair-options-problem" />
        <Button block onClick={() => void options.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  if (!home) return <Alert type="info" showIcon data-testid="m-repair-no-home" title={t('repairs.resident.noHome')} />;

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const room = maxPhotos - photos.length;
    const picked = [...files];
    const refused = picked.filter((f) => !ACCEPTED.includes(f.type) || f.size > photoMaxMb * 2 ** 20);
    for (const f of refused) void message.error(t('repairs.resident.photoRefused', { name: f.name, mb: photoMaxMb }));
    const ok = picked.filter((f) => !refused.includes(f));
    if (ok.length > room) void message.warning(t('repairs.resident.photosFull', { max: maxPhotos }));
    setPhotos((ps) => [...ps, ...ok.slice(0, Math.max(0, room)).map((f) => ({ file: f, url: URL.createObjectURL(f) }))]);
  };
  const removePhoto = (i: number) =>
    setPhotos((ps) => {
      URL.revokeObjectURL(ps[i]!.url);
      return ps.filter((_, j) => j !== i);
    });

  const submit = () => {
    const lacking = [...(!category ? ['category'] : []), ...(!description.trim() ? ['description'] : [])];
    setMissing(lacking);
    if (!lacking.length) file.mutate();
  };
  const error = (field: string, text: string) =>
    missing.includes(field)
      ? { validateStatus: 'error' as const, help: <span data-testid={`m-repair-missing-${field}`}>{text}</span> }
      : {};

  return (
    <div data-testid="m-repair-new-page">
      <Typography.Title level={5} style={{ margin: '4px 4px 12px' }}>
        {t('repairs.resident.newTitle')}
      </Typography.Title>
      <Card size="small">
        <Form layout="vertical" requiredMark={false}>
          <Form.Item label={t('repairs.resident.home')}>
            {homes.length > 1 ? (
              <Select
                data-testid="m-repair-home"
                value={home.id}
                onChange={setHouseholdId}
                options={homes.map((h) => ({ value: h.id, label: `${h.compoundName} ${h.building}${h.unit}${h.room}` }))}
              />
            ) : (
              <Typography.Text data-testid="m-repair-home">{`${home.compoundName} ${home.building}${home.unit}${home.room}`}</Typography.Text>
            )}
          </Form.Item>
          <Form.Item label={t('repairs.resident.category')} {...error('category', t('repairs.resident.missingCategory'))}>
            <Radio.Group
              value={category}
              onChange={(e) => setCategory(e.target.value as string)}
              buttonStyle="solid"
              style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
            >
              {options.data.categories.map((c) => (
                <Radio.Button key={c.code} value={c.code} style={{ borderRadius: 6 }}>
                  <span data-testid={`m-repair-category-${c.code}`}>{localName(c.name, i18n.language, t)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
            {category && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="m-repair-due-hint">
                {t('repairs.resident.categoryHint', { hours: options.data.categories.find((c) => c.code === category)?.dueHours })}
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item label={t('repairs.resident.description')} {...error('description', t('repairs.resident.missingDescription'))}>
            <Input.TextArea
              data-testid="m-repair-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              placeholder={t('repairs.resident.descriptionPlaceholder')}
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={2000}
              showCount
            />
          </Form.Item>
          <Form.Item label={t('repairs.resident.photos', { max: maxPhotos })}>
            <div
              style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}
              data-testid="m-repair-thumbs"
              data-count={photos.length}
            >
              {photos.map((p, i) => (
                <div
                  key={p.url}
                  style={{ position: 'relative', aspectRatio: '1', borderRadius: 6, overflow: 'hidden', background: '#eee' }}
                >
                  <img src={p.url} alt={p.file.name} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
                  <Button
                    size="small"
                    shape="circle"
                    icon={<CloseOutlined />}
                    aria-label={t('repairs.resident.removePhoto')}
                    onClick={() => removePhoto(i)}
                    style={{ position: 'absolute', top: 4, right: 4 }}
                  />
                </div>
              ))}
              {photos.length < maxPhotos && (
                <label
                  style={{
                    aspectRatio: '1',
                    border: '1px dashed #bfbfbf',
                    borderRadius: 6,
                    display: 'grid',
                    placeItems: 'center',
                    textAlign: 'center',
                    cursor: 'pointer',
                    color: '#595959',
                    fontSize: 12,
                    padding: 4,
                  }}
                >
                  <span>
                    <CameraOutlined style={{ fontSize: 22, display: 'block', marginBottom: 4 }} />
                    {t('repairs.resident.addPhoto')}
                  </span>
                  <input
                    type="file"
                    accept="image/png,image/jpeg"
                    multiple
                    hidden
                    style={{ display: 'none' }}
                    data-testid="m-repair-photo-input"
                    onChange={(e) => {
                      addPhotos(e.target.files);
                      e.target.value = '';
                    }}
                  />
                </label>
              )}
            </div>
          </Form.Item>
          {file.isError && <ProblemAlert title={t('repairs.resident.fileFailed')} error={file.error} testId="m-repair-failed" />}
          <Button type="primary" block size="large" loading={file.isPending} onClick={submit} data-testid="m-repair-submit">
            {t('repairs.resident.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
