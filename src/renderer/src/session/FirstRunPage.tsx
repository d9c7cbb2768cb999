/** First run on a fresh workstation: the centre and workstation, and the first supervisor account. */
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { WORKSTATION_CODE_PATTERN } from '@core/intake/caseNumber';
import { isReservedWorkstationCode } from '@core/training/isolation';
import { PASSWORD_MAX, PASSWORD_MIN, USER_ID_PATTERN } from '@core/quality/accounts';
import type { WorkstationConfig } from './session-store';
import { AccountError, setUpWorkstation } from './users-store';
import { FormField } from '../ui/FormField';

export function passwordField(t: TFunction) {
  return z
    .string()
    .min(PASSWORD_MIN, t('account.passwordTooShort', { min: PASSWORD_MIN }))
    .max(PASSWORD_MAX, t('account.passwordTooLong', { max: PASSWORD_MAX }));
}

export function userIdField(t: TFunction) {
  return z.string().trim().min(1, t('form.required')).max(32, t('form.tooLong', { max: 32 })).regex(USER_ID_PATTERN, t('signIn.clerkIdFormat'));
}

function setupSchema(t: TFunction) {
  const req = (max: number) => z.string().trim().min(1, t('form.required')).max(max, t('form.tooLong', { max }));
  return z
    .object({
      centreCode: z.string().trim().regex(/^\d{6}$/, t('signIn.centreCodeFormat')),
      centreName: req(60),
      workstationCode: z
        .string()
        .trim()
        .transform((s) => s.toUpperCase())
        .pipe(z.string().regex(WORKSTATION_CODE_PATTERN, t('signIn.workstationCodeFormat')))
        .refine((c) => !isReservedWorkstationCode(c), t('training.reservedCode')), // PX marks training case numbers
      userId: userIdField(t),
      name: req(30),
      password: passwordField(t),
      passwordRepeat: z.string(),
    })
    .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: t('account.passwordMismatch') });
}
type SetupValues = z.input<ReturnType<typeof setupSchema>>;

export function FirstRunPage({ config }: { config: WorkstationConfig | null }) {
  const { t } = useTranslation();
  const schema = useMemo(() => setupSchema(t), [t]);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SetupValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      centreCode: config?.centreCode ?? '',
      centreName: config?.centreName ?? '',
      workstationCode: config?.workstationCode ?? '',
      userId: '',
      name: '',
      password: '',
      passwordRepeat: '',
    },
  });
  const onSubmit = handleSubmit(async (raw) => {
    const v = schema.parse(raw);
    setError(null);
    try {
      await setUpWorkstation(
        { centreCode: v.centreCode, centreName: v.centreName, workstationCode: v.workstationCode },
        { userId: v.userId, name: v.name, password: v.password },
      );
    } catch (e) {
      setError(e instanceof AccountError && e.code === 'notFirstRun' ? t('account.notFirstRun') : String(e));
    }
  });
  const e = formState.errors;
  return (
    <div className="signin">
      <form className="panel signin-form" onSubmit={onSubmit} noValidate aria-labelledby="setup-title" data-testid="first-run">
        <h1 id="setup-title" tabIndex={-1}>{t('account.setupTitle')}</h1>
        <p className="muted small">{t('account.setupIntro')}</p>
        <fieldset>
          <legend>{t('signIn.workstation')}</legend>
          <FormField label={t('signIn.centreCode')} error={e.centreCode?.message} hint={t('signIn.centreCodeHint')} {...register('centreCode')} autoFocus />
          <FormField label={t('signIn.centreName')} error={e.centreName?.message} {...register('centreName')} />
          <FormField label={t('signIn.workstationCode')} error={e.workstationCode?.message} hint={t('signIn.workstationCodeHint')} {...register('workstationCode')} />
        </fieldset>
        <fieldset>
          <legend>{t('account.firstSupervisor')}</legend>
          <FormField label={t('signIn.clerkId')} error={e.userId?.message} autoComplete="username" {...register('userId')} />
          <FormField label={t('signIn.name')} error={e.name?.message} {...register('name')} />
          <FormField label={t('account.password')} type="password" autoComplete="new-password" error={e.password?.message} hint={t('account.passwordHint', { min: PASSWORD_MIN })} {...register('password')} />
          <FormField label={t('account.passwordRepeat')} type="password" autoComplete="new-password" error={e.passwordRepeat?.message} {...register('passwordRepeat')} />
        </fieldset>
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="setup-submit">
          {t('account.setupSubmit')}
        </button>
      </form>
    </div>
  );
}
