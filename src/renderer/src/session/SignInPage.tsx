/** Sign-in at the workstation: 工号 + 密码 + 窗口号; the session takes the account's role. */
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { lockMinutesLeft } from '@core/quality/accounts';
import type { WorkstationConfig } from './session-store';
import { signInWithPassword } from './users-store';
import { FormField } from '../ui/FormField';
import { userIdField } from './FirstRunPage';
import { parseRoute } from '../ui/router';

function signInSchema(t: TFunction) {
  return z.object({
    clerkId: userIdField(t),
    password: z.string().min(1, t('form.required')).max(200),
    windowNo: z.string().trim().min(1, t('form.required')).max(10, t('form.tooLong', { max: 10 })),
  });
}
type SignInValues = z.input<ReturnType<typeof signInSchema>>;

export function SignInPage({ config }: { config: WorkstationConfig }) {
  const { t } = useTranslation();
  const schema = useMemo(() => signInSchema(t), [t]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { register, handleSubmit, formState, setValue, setFocus } = useForm<SignInValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: { clerkId: '', password: '', windowNo: '' },
  });
  const onSubmit = handleSubmit(async (raw) => {
    const v = schema.parse(raw);
    setRefusal(null);
    const now = new Date();
    const r = await signInWithPassword({ userId: v.clerkId, password: v.password, windowNo: v.windowNo }, now);
    if (r.ok) {
      // where each role starts: trainers in the training area (when this build has it), everyone else in the guide
      window.location.hash = r.user.role === 'trainer' && parseRoute('#/training').name !== 'notFound' ? '#/training' : '#/';
      return; // the gate re-renders with the session
    }
    setValue('password', '');
    setFocus('password');
    setRefusal(
      r.reason === 'locked'
        ? t('account.locked', { minutes: Math.max(1, lockMinutesLeft({ failedAttempts: 0, lockedUntil: r.lockedUntil ?? 0 }, now.getTime())) })
        : r.reason === 'disabled'
          ? t('account.disabled')
          : r.reason === 'tampered'
            ? t('security.tampered')
            : t('account.wrong'),
    );
  });
  const e = formState.errors;
  return (
    <div className="signin">
      <form className="panel signin-form" onSubmit={onSubmit} noValidate aria-labelledby="signin-title">
        <h1 id="signin-title" tabIndex={-1}>{t('account.signInTitle')}</h1>
        <p className="muted small" data-testid="signin-workstation">
          {t('account.workstationLine', { centreName: config.centreName, centreCode: config.centreCode, workstationCode: config.workstationCode })}
        </p>
        <p className="muted small">{t('account.signInIntro')}</p>
        <FormField label={t('signIn.clerkId')} error={e.clerkId?.message} autoComplete="username" {...register('clerkId')} autoFocus />
        <FormField label={t('account.password')} type="password" autoComplete="current-password" error={e.password?.message} {...register('password')} />
        <FormField label={t('signIn.windowNo')} error={e.windowNo?.message} {...register('windowNo')} />
        {refusal && (
          <p className="field-error" role="alert" data-testid="signin-error">
            {refusal}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="sign-in">
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
