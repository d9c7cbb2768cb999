/** Clerk sign-in at the workstation (clerk ID, name, window, centre), recorded on every case. */
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { WORKSTATION_CODE_PATTERN } from '@core/intake/caseNumber';
import { signIn, type WorkstationConfig } from './session-store';
import { FormField } from '../app/FormField';

function signInSchema(t: TFunction) {
  const req = (max: number) => z.string().trim().min(1, t('form.required')).max(max, t('form.tooLong', { max }));
  return z.object({
    clerkId: req(32).regex(/^[A-Za-z0-9_-]+$/, t('signIn.clerkIdFormat')),
    name: req(30),
    windowNo: req(10),
    phone: z.string().trim().max(20, t('form.tooLong', { max: 20 })).regex(/^$|^[0-9-]{5,20}$/, t('signIn.phoneFormat')),
    centreCode: z.string().trim().regex(/^\d{6}$/, t('signIn.centreCodeFormat')),
    centreName: req(60),
    workstationCode: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(WORKSTATION_CODE_PATTERN, t('signIn.workstationCodeFormat'))),
  });
}
type SignInValues = z.input<ReturnType<typeof signInSchema>>;

export function SignInPage({ config }: { config: WorkstationConfig | null }) {
  const { t, i18n } = useTranslation();
  const schema = useMemo(() => signInSchema(t), [t, i18n.language]);
  const { register, handleSubmit, formState } = useForm<SignInValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      clerkId: '',
      name: '',
      windowNo: '',
      phone: '',
      centreCode: config?.centreCode ?? '',
      centreName: config?.centreName ?? '',
      workstationCode: config?.workstationCode ?? '',
    },
  });
  const onSubmit = handleSubmit(async (raw) => {
    const v = schema.parse(raw);
    await signIn(
      { centreCode: v.centreCode, centreName: v.centreName, workstationCode: v.workstationCode },
      { clerkId: v.clerkId, name: v.name, windowNo: v.windowNo, ...(v.phone ? { phone: v.phone } : {}) },
    );
  });
  const e = formState.errors;
  return (
    <div className="signin">
      <form className="panel signin-form" onSubmit={onSubmit} noValidate aria-labelledby="signin-title">
        <h1 id="signin-title" tabIndex={-1}>{t('signIn.title')}</h1>
        <p className="muted small">{t('signIn.intro')}</p>
        <fieldset>
          <legend>{t('signIn.clerk')}</legend>
          <FormField label={t('signIn.clerkId')} error={e.clerkId?.message} {...register('clerkId')} autoFocus />
          <FormField label={t('signIn.name')} error={e.name?.message} {...register('name')} />
          <FormField label={t('signIn.windowNo')} error={e.windowNo?.message} {...register('windowNo')} />
          <FormField label={t('signIn.phone')} error={e.phone?.message} hint={t('signIn.phoneHint')} {...register('phone')} />
        </fieldset>
        <fieldset>
          <legend>{t('signIn.workstation')}</legend>
          <FormField label={t('signIn.centreCode')} error={e.centreCode?.message} hint={t('signIn.centreCodeHint')} {...register('centreCode')} />
          <FormField label={t('signIn.centreName')} error={e.centreName?.message} {...register('centreName')} />
          <FormField label={t('signIn.workstationCode')} error={e.workstationCode?.message} hint={t('signIn.workstationCodeHint')} {...register('workstationCode')} />
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="sign-in">
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
