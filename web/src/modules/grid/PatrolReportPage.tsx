// 巡查上报 (/grid/mine/report, a phone): the grid worker reports what they found on patrol: category, text, photos,
// and the building of their grid or their position. Open events of the same category nearby are shown first
// (是否为同一问题？) so the worker can open one of them instead. Small matters (a category the rule lets the grid
// settle) are then 自办自结 on the event's page.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCategories, fetchDuplicates, fetchGrid, fetchGrids, gridKeys, reportPatrolEvent, uploadPendingPhoto } from './api.ts';
import { categoryName, stateName } from './labels.ts';
import PhotoPicker, { MAX_PHOTOS } from './PhotoPicker.tsx';

export default function PatrolReportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories });
  const grids = useQuery({ queryKey: gridKeys.grids(), queryFn: () => fetchGrids() });
  const details = useQueries({
    queries: (grids.data?.items ?? []).map((g) => ({ queryKey: gridKeys.grid(g.id), queryFn: () => fetchGrid(g.id) })),
  });
  const buildings = details.flatMap((d) => d.data?.buildings ?? []);
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [buildingId, setBuildingId] = useState<string>();
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [duplicates, setDuplicates] = useState<{ id: string; distanceM: number; state: string }[] | null>(null);

  const where = () => (point ? { lat: point.lat, lng: point.lng, buildingId } : { buildingId });
  const file = useMutation({
    mutationFn: async () => {
      const photoIds: string[] = [];
      for (const p of photos) photoIds.push((await uploadPendingPhoto(p)).id);
      return reportPatrolEvent({ category: category!, description: description.trim(), ...where(), photoIds });
    },
    onSuccess: async (filed) => {
      void message.success(t('gridEvents.resident.submitted', { ref: filed.ref }));
      await queryClient.invalidateQueries({ queryKey: gridKeys.all });
      void navigate(`/grid/mine/${filed.id}`, { replace: true });
    },
  });
  const check = useMutation({
    mutationFn: () => fetchDuplicates({ category: category!, ...where() }),
    onSuccess: (found) => (found.items.length ? setDuplicates(found.items) : file.mutate()),
    onError: () => file.mutate(),
  });
  const locate = useMutation({
    mutationFn: () =>
      new Promise<{ lat: number; lng: number } | null>((resolve) => {
        if (!('geolocation' in navigator)) return resolve(null);
        setTimeout(() => resolve(null), 8000);
        navigator.geolocation.getCurrentPosition(
          (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
          () => resolve(null),
          { enableHighAccuracy: true, timeout: 8000 },
        );
      }),
    onSuccess: (p) => (p ? setPoint(p) : void message.warning(t('gridEvents.patrol.noPosition'))),
  });
  const ready = !!category && !!description.trim() && (!!buildingId || !!point);
  return (
    <div data-testid="gw-report">
      <Typography.Title level={5} style={{ margin: '4px 4px 12px' }}>
        {t('gridEvents.patrol.title')}
      </Typography.Title>
      <Card size="small">
        <Form layout="vertical">
          <Form.Item label={t('gridEvents.resident.category')} required>
            <Select
              data-testid="gw-report-category"
              value={category}
              onChange={setCategory}
              placeholder={t('gridEvents.resident.categoryRequired')}
              options={(categories.data?.items ?? []).map((c) => ({
                value: c.code,
                label: categoryName(categories.data?.items, c.code, i18n.language, t),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.description')} required>
            <Input.TextArea
              data-testid="gw-report-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={4000}
            />
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.place')} required extra={t('gridEvents.patrol.placeHint')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Select
                data-testid="gw-report-building"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                value={buildingId}
                onChange={setBuildingId}
                placeholder={t('gridEvents.resident.buildingPlaceholder')}
                options={buildings.map((b) => ({ value: b.id, label: `${b.compoundName} ${b.name}` }))}
              />
              <Button icon={<EnvironmentOutlined />} loading={locate.isPending} onClick={() => locate.mutate()} block>
                {point
                  ? t('gridEvents.patrol.located', { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) })
                  : t('gridEvents.patrol.locate')}
              </Button>
            </Space>
          </Form.Item>
          <Form.Item label={t('gridEvents.resident.photos', { max: MAX_PHOTOS })}>
            <PhotoPicker
              photos={photos}
              onChange={setPhotos}
              label={t('gridEvents.resident.addPhoto')}
              color="#0f6e5a"
              testId="gw-report-photo"
            />
          </Form.Item>
          {file.isError && <ProblemAlert title={t('gridEvents.resident.submitFailed')} error={file.error} testId="gw-report-failed" />}
          <Button
            type="primary"
            block
            size="large"
            disabled={!ready}
            loading={check.isPending || file.isPending}
            onClick={() => check.mutate()}
            data-testid="gw-report-submit"
          >
            {t('gridEvents.resident.submit')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={!!duplicates}
        title={t('gridEvents.resident.sameTitle')}
        onCancel={() => setDuplicates(null)}
        width={360}
        footer={
          <Button
            block
            loading={file.isPending}
            data-testid="gw-same-no"
            onClick={() => {
              setDuplicates(null);
              file.mutate();
            }}
          >
            {t('gridEvents.resident.notSame')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {duplicates?.map((d) => (
            <Button key={d.id} block onClick={() => void navigate(`/grid/mine/${d.id}`)} data-testid={`gw-same-${d.id}`}>
              {t('gridEvents.patrol.sameItem', { state: stateName(t, d.state), distance: d.distanceM })}
            </Button>
          ))}
        </Space>
      </Modal>
    </div>
  );
}
