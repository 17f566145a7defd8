// One material of one step: the shared upload button posting multipart (step, materialType, file).
import UploadButton from '../../app/UploadButton.tsx';
import { uploadDocument } from './api.ts';
import type { ApprovalDocument } from './types.ts';

interface Props {
  projectId: string;
  step: string;
  materialType: string;
  onUploaded: (doc: ApprovalDocument) => void;
}

export default function MaterialUpload({ projectId, step, materialType, onUploaded }: Props) {
  return (
    <span data-testid="material-upload" data-step={step} data-material={materialType}>
      <UploadButton upload={(file) => uploadDocument(projectId, step, materialType, file)} onUploaded={onUploaded} />
    </span>
  );
}
