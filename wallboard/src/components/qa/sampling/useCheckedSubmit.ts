import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Checked, FieldError } from '../../../qa/sampling/requests';
import { serverFieldError } from '../../../qa/sampling/serverError';

/**
 * A sampling form's submit: checks the input as the server would and shows
 * each problem at its field without sending; otherwise sends it, and a
 * refusal is shown at the field the server names and in the form's banner.
 */
export function useCheckedSubmit<I, B, R>(
  input: Ref<I>,
  check: (input: I) => Checked<B>,
  send: (body: B) => Promise<R>,
  done: (result: R) => void,
) {
  const { t } = useI18n();
  const errors = ref<Record<string, FieldError | string>>({});
  const failure = ref('');
  const busy = ref(false);

  async function submit(): Promise<void> {
    failure.value = '';
    const checked = check(input.value);
    if (!checked.ok) {
      errors.value = checked.errors;
      return;
    }
    errors.value = {};
    busy.value = true;
    try {
      done(await send(checked.body));
    } catch (caught) {
      const at = serverFieldError(caught);
      if (at) errors.value = { [at.field]: at.message };
      failure.value = t('qa.sampling.failed', { message: caught instanceof Error ? caught.message : String(caught) });
    } finally {
      busy.value = false;
    }
  }

  const err = (field: string) => errors.value[field];
  return { errors, failure, busy, submit, err };
}
