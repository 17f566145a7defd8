// On a compound's projects card: how many before and after photos a project has, with the first of each as a small
// thumbnail, linking to the project's 改造前后 tab.
import { Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchPhotos, PHOTO_TAGS, photoKeys } from './photosApi.ts';

export default function ProjectPhotosLink({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: photoKeys.of(projectId), queryFn: () => fetchPhotos(projectId) });
  const counts = query.data?.counts;
  const thumbs = PHOTO_TAGS.flatMap((tag) => query.data?.items.find((p) => p.tag === tag) ?? []);
  return (
    <Link
      to={`/projects/${projectId}?tab=photos`}
      data-testid="compound-project-photos"
      data-before={counts?.before ?? ''}
      data-after={counts?.after ?? ''}
    >
      <Space size={4}>
        {thumbs.map((p) => (
          <img
            key={p.id}
            src={p.url}
            alt={t(`projectPhotos.tags.${p.tag}`)}
            style={{ width: 24, height: 24, objectFit: 'cover', borderRadius: 3, verticalAlign: 'middle' }}
          />
        ))}
        <span>
          {!counts || counts.before + counts.after === 0
            ? t('projectPhotos.ofCompoundNone')
            : t('projectPhotos.ofCompound', { before: counts.before, after: counts.after })}
        </span>
      </Space>
    </Link>
  );
}
