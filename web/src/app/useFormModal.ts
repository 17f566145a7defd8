// A modal holding one form that a mutation submits: OK submits the form (loading while the mutation
// runs), a success hands the result on, clears the form and closes; cancel forgets a failed attempt
// and closes. Used by the survey and ballot openers.
import { Form } from 'antd';
import type { ModalProps } from 'antd';
import { useMutation } from '@tanstack/react-query';

interface Options<I, R> {
  mutationFn: (input: I) => Promise<R>;
  onDone: (result: R, input: I) => void;
  onClose: () => void;
  /** The OK button's test id. */
  submitTestId: string;
}

export function useFormModal<V, I, R>({ mutationFn, onDone, onClose, submitTestId }: Options<I, R>) {
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn,
    onSuccess: (result: R, input: I) => {
      onDone(result, input);
      form.resetFields();
      onClose();
    },
  });
  const modalProps = {
    okButtonProps: { loading: save.isPending, 'data-testid': submitTestId },
    onOk: () => form.submit(),
    onCancel: () => {
      save.reset();
      onClose();
    },
    destroyOnHidden: true,
  } satisfies ModalProps;
  return { form, save, modalProps };
}
