// 改造前后: the project's before and after photos side by side (one column each on a desk, one above the other on a
// phone), each opening in a lightbox with its neighbours; the project's officers file photos (side, caption, building)
// and remove them.
import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Image, Input, Popconfirm, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import UploadButton from '../../app/UploadButton.tsx';
import { formatAt } from '../../app/time.ts';
import { useAuth } from '../accounts/index.ts';
import {
  deletePhoto,
  fetchCompoundBuildings,
  fetchPhotos,
  PHOTO_ACCEPT,
  PHOTO_TAGS,
  photoKeys,
  uploadPhoto,
  type PhotoTag,
  type ProjectPhoto,
} from './photosApi.ts';
import type { ProjectDetail } from './types.ts';

export default function PhotosTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const query = useQuery({ queryKey: photoKeys.of(project.id), queryFn: () => fetchPhotos(project.id) });
  const mayWrite = can('projects.write');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="project-photos">
      {mayWrite && <PhotoUploadForm project={project} />}
      {query.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {query.isError && <ProblemAlert title={t('common.error')} error={query.error} testId="photos-problem" />}
      {query.data && (
        <Row gutter={[12, 12]}>
          {PHOTO_TAGS.map((tag) => (
            <Col xs={24} md={12} key={tag}>
              <Side project={project} tag={tag} photos={query.data.items.filter((p) => p.tag === tag)} mayWrite={mayWrite} />
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}

function Side({ project, tag, photos, mayWrite }: { project: ProjectDetail; tag: PhotoTag; photos: ProjectPhoto[]; mayWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`photos-${tag}`}
      data-count={photos.length}
      title={
        <Space>
          <span>{t(`projectPhotos.tags.${tag}`)}</span>
          <Tag color={tag === 'before' ? 'orange' : 'green'}>{t('projectPhotos.count', { n: photos.length })}</Tag>
        </Space>
      }
    >
      {photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`projectPhotos.empty.${tag}`)} data-testid={`photos-${tag}-empty`} />
      ) : (
        // One preview group per side: the lightbox steps through this side's photos.
        <Image.PreviewGroup>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 10 }}>
            {photos.map((p) => (
              <PhotoTile key={p.id} project={project} photo={p} mayWrite={mayWrite} />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

function PhotoTile({ project, photo, mayWrite }: { project: ProjectDetail; photo: ProjectPhoto; mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: () => deletePhoto(project.id, photo.id),
    onSuccess: () => {
      void message.success(t('projectPhotos.removed'));
      void client.invalidateQueries({ queryKey: photoKeys.of(project.id) });
    },
    onError: () => void message.error(t('projectPhotos.removeFailed')),
  });
  const label = photo.caption ?? t(`projectPhotos.tags.${photo.tag}`);
  return (
    <div data-testid="project-photo" data-photo-id={photo.id} data-tag={photo.tag}>
      <Image
        src={photo.url}
        alt={label}
        // The root takes the tile's width; the picture fills it whatever its own size (a 1-pixel file or a 12 MP photo).
        styles={{ root: { display: 'block', width: '100%' } }}
        style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 6, display: 'block' }}
        data-testid="project-photo-image"
      />
      <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 12 }} ellipsis={{ rows: 2 }}>
        {photo.caption && <span data-testid="project-photo-caption">{photo.caption}</span>}
        {photo.building && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {photo.caption ? ' · ' : ''}
            {photo.building.name}
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <Space size={4} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatAt(photo.uploadedAt, i18n.language)}
        </Typography.Text>
        {mayWrite && (
          <Popconfirm title={t('projectPhotos.removeConfirm')} onConfirm={() => remove.mutate()} okText={t('projectPhotos.remove')}>
            <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="project-photo-remove">
              {t('projectPhotos.remove')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </div>
  );
}

function PhotoUploadForm({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [tag, setTag] = useState<PhotoTag | undefined>();
  const [caption, setCaption] = useState('');
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const buildings = useQueries({
    queries: project.compounds.map((c) => ({
      queryKey: ['projects', 'photo-buildings', c.id],
      queryFn: () => fetchCompoundBuildings(c.id),
    })),
  });
  const many = project.compounds.length > 1;
  const options = project.compounds.flatMap((c, i) =>
    (buildings[i]?.data ?? []).map((b) => ({ value: b.id, label: many ? `${c.name} ${b.name}` : b.name })),
  );
  return (
    <Card size="small" title={t('projectPhotos.add')} data-testid="photo-upload-form">
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('projectPhotos.tag')} required>
          <Select
            style={{ width: 140 }}
            value={tag}
            onChange={setTag}
            placeholder={t('projectPhotos.tagPlaceholder')}
            options={PHOTO_TAGS.map((k) => ({
              value: k,
              label: <span data-testid={`photo-tag-${k}`}>{t(`projectPhotos.tags.${k}`)}</span>,
            }))}
            data-testid="photo-tag"
          />
        </Form.Item>
        <Form.Item label={t('projectPhotos.caption')}>
          <Input
            style={{ width: 220 }}
            maxLength={200}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            placeholder={t('projectPhotos.captionPlaceholder')}
            data-testid="photo-caption"
          />
        </Form.Item>
        <Form.Item label={t('projectPhotos.building')}>
          <Select
            style={{ width: 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={buildingId}
            onChange={setBuildingId}
            options={options}
            placeholder={t('projectPhotos.buildingPlaceholder')}
            data-testid="photo-building"
          />
        </Form.Item>
        <Form.Item>
          <UploadButton
            accept={PHOTO_ACCEPT}
            label={t('projectPhotos.choose')}
            buttonProps={{ type: 'primary', disabled: !tag, 'data-testid': 'photo-upload' } as never}
            upload={(file) => uploadPhoto(project.id, { tag: tag!, caption, ...(buildingId ? { buildingId } : {}) }, file)}
            onUploaded={() => {
              setCaption('');
              void client.invalidateQueries({ queryKey: photoKeys.of(project.id) });
            }}
          />
        </Form.Item>
      </Form>
      {!tag && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projectPhotos.chooseTagFirst')}
        </Typography.Text>
      )}
    </Card>
  );
}
