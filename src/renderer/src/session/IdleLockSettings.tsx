/** Settings → the idle lock's time (a supervisor's setting; session/idle-lock.ts). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MAX, IDLE_LOCK_MIN, isValidIdleMinutes, loadIdleLockMinutes, saveIdleLockMinutes } from './idle-lock';

export function IdleLockSettings() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => {
    void loadIdleLockMinutes().then((m) => setValue(String(m)));
  }, []);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const n = Number(value.trim());
    if (value.trim() === '' || !isValidIdleMinutes(n)) {
      setError(t('security.idle.settingInvalid'));
      return;
    }
    setError(null);
    await saveIdleLockMinutes(n);
    setSaved(n);
  };
  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} noValidate data-testid="idle-lock-settings">
      <h2>{t('security.idle.settingTitle')}</h2>
      <p className="muted small">{t('security.idle.settingHint')}</p>
      <div className="field">
        <label htmlFor="idle-minutes">{t('security.idle.settingLabel')}</label>
        <input
          id="idle-minutes"
          type="number"
          inputMode="numeric"
          min={IDLE_LOCK_MIN}
          max={IDLE_LOCK_MAX}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'idle-minutes-error' : undefined}
          data-testid="idle-minutes"
        />
        {error && (
          <div id="idle-minutes-error" className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>
      {saved !== null && (
        <div className="alert alert-ok" role="status" data-testid="idle-minutes-saved">
          {t('security.idle.settingSaved', { minutes: saved })}
        </div>
      )}
      <button type="submit" className="btn">
        {t('security.idle.save')}
      </button>
    </form>
  );
}
