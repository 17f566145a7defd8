// 报事 (/m/report): category, description, up to nine photos, a pin on the compound's map or a building, the
// anonymous switch. Before filing, open events of the same category nearby are offered (是否为同一问题？) with a
// button to follow one instead.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Segmented, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { categoryName, formatAt, stateName } from '../../grid/index.ts';
import CompoundMap, { type LatLng } from './CompoundMap.tsx';
import { fetchOptions, fetchSimilar, fileReport, followEvent, reportKeys, type Place, type SimilarEvent } from './api.ts';

interface Photo {
  file: File;
  url: string;
}

const ACCEPTED = ['image/png', 'image/jpeg'];

export default function ReportNewPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: reportKeys.options, queryFn: fetchOptions });
  const [compoundId, setCompoundId] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [mode, setMode] = useState<'map' | 'building'>('map');
  const [pin, setPin] = useState<LatLng | null>(null);
  const [buildingId, setBuildingId] = useState<string>();
  const [anonymous, setAnonymous] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [similar, setSimilar] = useState<SimilarEvent[] | null>(null);

  const compounds = options.data?.compounds ?? [];
  const compound = compounds.find((c) => c.id === compoundId) ?? compounds[0];
  const maxPhotos = options.data?.maxPhotos ?? 9;
  const photoMaxMb = options.data?.photoMaxMb ?? 10;
  const center = useMemo(
    () => (compound?.lat != null && compound.lng != null ? { lat: compound.lat, lng: compound.lng } : null),
    [compound],
  );

  // Object URLs of the thumbnails are released when the page goes.
  const shown = useRef<Photo[]>([]);
  shown.current = photos;
  useEffect(() => () => shown.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  // Without the compound's point there is no map to pin on: the building is the place.
  const placeMode = center ? mode : 'building';
  const place = (): Place | null => {
    if (!compound) return null;
    if (placeMode === 'map' && pin) return { compoundId: compound.id, lat: pin.lat, lng: pin.lng, buildingId };
    if (placeMode === 'building' && buildingId) return { compoundId: compound.id, buildingId };
    return null;
  };

  const file = useMutation({
    mutationFn: () =>
      fileReport({ ...place()!, category: category!, description: description.trim(), anonymous, photos: photos.map((p) => p.file) }),
    onSuccess: async (filed) => {
      void message.success(t('gridEvents.resident.submitted', { ref: filed.ref }));
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void navigate(`/m/reports/${filed.id}`, { replace: true });
    },
  });
  const check = useMutation({
    mutationFn: () => fetchSimilar(category!, place()!),
    onSuccess: (found) => {
      if (found.items.length) setSimilar(found.items);
      else file.mutate();
    },
    // The suggestion is a courtesy: when it cannot be read the report is filed anyway.
    onError: () => file.mutate(),
  });
  const follow = useMutation({
    mutationFn: (id: string) => followEvent(id),
    onSuccess: async (followed) => {
      setSimilar(null);
      void message.success(t('gridEvents.resident.followed'));
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void navigate(`/m/reports/${followed.id}`, { replace: true });
    },
  });

  if (options.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (options.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('gridEvents.loadFailed')} error={options.error} testId="m-report-problem" />
        <Button block onClick={() => void options.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  if (!compound) return <Alert type="info" showIcon data-testid="m-report-no-home" title={t('gridEvents.resident.noHome')} />;

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const room = maxPhotos - photos.length;
    const picked = [...files];
    const refused = picked.filter((f) => !ACCEPTED.includes(f.type) || f.size > photoMaxMb * 2 ** 20);
    for (const f of refused) void message.error(t('gridEvents.resident.photoRefused', { name: f.name, mb: photoMaxMb }));
    const ok = picked.filter((f) => !refused.includes(f));
    if (ok.length > room) void message.warning(t('gridEvents.resident.photosFull', { max: maxPhotos }));
    setPhotos((ps) => [...ps, ...ok.slice(0, Math.max(0, room)).map((f) => ({ file: f, url: URL.createObjectURL(f) }))]);
  };
  const removePhoto = (i: number) =>
    setPhotos((ps) => {
      URL.revokeObjectURL(ps[i]!.url);
      return ps.filter((_, j) => j !== i);
    });

  const submit = () => {
    const lacking = [...(!category ? ['category'] : []), ...(!description.trim() ? ['description'] : []), ...(!place() ? ['place'] : [])];
    setMissing(lacking);
    if (lacking.length) return;
    check.mutate();
  };
  const busy = check.isPending || file.isPending;
  const error = (field: string, text: string) =>
    missing.includes(field)
      ? { validateStatus: 'error' as const, help: <span data-testid={`m-report-missing-${field}`}>{text}</span> }
      : {};

  return (
    <div data-testid="m-report">
      <Typography.Title level={5} style={{ margin: '4px 4px 12px' }}>
        {t('gridEvents.resident.newTitle')}
      </Typography.Title>
      <Card size="small">
        <Form layout="vertical" requiredMark={false}>
          {compounds.length > 1 && (
            <Form.Item label={t('gridEvents.resident.compound')}>
              <Select
                data-testid="m-report-compound"
                value={compound.id}
                onChange={(v) => {
                  setCompoundId(v);
                  setPin(null);
                  setBuildingId(undefined);
                }}
                options={compounds.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('gridEvents.resident.category')} {...error('category', t('gridEvents.resident.categoryRequired'))}>
            <Radio.Group
              value={category}
              onChange={(e) => setCategory(e.target.value as string)}
              buttonStyle="solid"
              style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
            >
              {options.data.categories.map((c) => (
                <Radio.Button key={c.code} value={c.code} style={{ borderRadius: 6 }}>
                  <span data-testid={`m-report-category-${c.code}`}>{categoryName(options.data.categories, c.code, i18n.language, t)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.description')} {...error('description', t('gridEvents.resident.descriptionRequired'))}>
            <Input.TextArea
              data-testid="m-report-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              placeholder={t('gridEvents.resident.descriptionPlaceholder')}
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={2000}
              showCount
            />
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.photos', { max: maxPhotos })}>
            <div
              style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}
              data-testid="m-report-thumbs"
              data-count={photos.length}
            >
              {photos.map((p, i) => (
                <div
                  key={p.url}
                  style={{ position: 'relative', aspectRatio: '1', borderRadius: 6, overflow: 'hidden', background: '#eee' }}
                >
                  <img
                    src={p.url}
                    alt={p.file.name}
                    style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                    data-testid="m-report-thumb"
                  />
                  <Button
                    size="small"
                    shape="circle"
                    icon={<CloseOutlined />}
                    aria-label={t('gridEvents.resident.removePhoto')}
                    data-testid={`m-report-remove-${i}`}
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
                    {t('gridEvents.resident.addPhoto')}
                  </span>
                  <input
                    type="file"
                    accept="image/png,image/jpeg"
                    multiple
                    hidden
                    style={{ display: 'none' }}
                    data-testid="m-report-photo-input"
                    onChange={(e) => {
                      addPhotos(e.target.files);
                      e.target.value = '';
                    }}
                  />
                </label>
              )}
            </div>
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.place')} {...error('place', t('gridEvents.resident.placeRequired'))}>
            {center && (
              <Segmented
                block
                value={mode}
                onChange={(v) => setMode(v as 'map' | 'building')}
                options={[
                  { value: 'map', label: <span data-testid="m-report-mode-map">{t('gridEvents.resident.placeMap')}</span> },
                  { value: 'building', label: <span data-testid="m-report-mode-building">{t('gridEvents.resident.placeBuilding')}</span> },
                ]}
                style={{ marginBottom: 8 }}
              />
            )}
            {placeMode === 'map' && center ? (
              <>
                <CompoundMap
                  center={center}
                  buildings={compound.buildings}
                  pin={pin}
                  onPin={setPin}
                  selectedBuilding={buildingId}
                  onBuilding={setBuildingId}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('gridEvents.resident.mapHint')} · {pin ? t('gridEvents.resident.pinned') : t('gridEvents.resident.noPin')}
                </Typography.Text>
              </>
            ) : (
              <Select
                data-testid="m-report-building"
                style={{ width: '100%' }}
                value={buildingId}
                onChange={setBuildingId}
                placeholder={t('gridEvents.resident.buildingPlaceholder')}
                options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            )}
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.anonymous')} extra={t('gridEvents.resident.anonymousHint')}>
            <Switch data-testid="m-report-anonymous" checked={anonymous} onChange={setAnonymous} />
          </Form.Item>
          {file.isError && <ProblemAlert title={t('gridEvents.resident.submitFailed')} error={file.error} testId="m-report-failed" />}
          <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="m-report-submit">
            {busy ? t('gridEvents.resident.submitting') : t('gridEvents.resident.submit')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={!!similar}
        title={t('gridEvents.resident.sameTitle')}
        onCancel={() => setSimilar(null)}
        footer={
          <Button
            block
            data-testid="m-same-no"
            loading={file.isPending}
            onClick={() => {
              setSimilar(null);
              file.mutate();
            }}
          >
            {t('gridEvents.resident.notSame')}
          </Button>
        }
        data-testid="m-same"
      >
        <Typography.Paragraph type="secondary">{t('gridEvents.resident.sameHint')}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="m-same-list">
          {similar?.map((s) => (
            <Card key={s.id} size="small">
              <Typography.Text>
                {t('gridEvents.resident.sameItem', {
                  category: categoryName(options.data.categories, s.category, i18n.language, t),
                  state: stateName(t, s.state),
                  distance: s.distanceM,
                  at: formatAt(s.reportedAt, i18n.language),
                })}
              </Typography.Text>
              {s.buildingName && <div>{s.buildingName}</div>}
              <Button
                type="primary"
                block
                style={{ marginTop: 8 }}
                disabled={s.following}
                loading={follow.isPending && follow.variables === s.id}
                onClick={() => follow.mutate(s.id)}
                data-testid={`m-same-follow-${s.id}`}
              >
                {s.following ? t('gridEvents.resident.following') : t('gridEvents.resident.follow')}
              </Button>
            </Card>
          ))}
          {follow.isError && <ProblemAlert title={t('gridEvents.resident.submitFailed')} error={follow.error} testId="m-same-failed" />}
        </Space>
      </Modal>
    </div>
  );
}
