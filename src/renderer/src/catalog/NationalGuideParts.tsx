/**
 * The parts of an item's guide that national implementation lists bring: the other departments
 * implementing the same basic code (the clerk picks the applicant's), what the limits' own
 * explanations say, special procedures not counted in the limits, and the list's FAQ.
 */
import { useTranslation } from 'react-i18next';
import { implementationCodeOf, type Item } from '@core/catalog/schema';
import { formatSpecialProcedure, formatTimeLimitWithExplanation } from '@core/catalog/format';
import { hrefFor } from '../ui/router';
import { implementationsOf, useCatalog } from './CatalogContext';
import { useLocale } from '../i18n/useLocale';

export function NationalGuideParts({ item }: { item: Item }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = useCatalog();
  const implementations = implementationsOf(view, item.basicCode);
  const explained = [item.statutoryLimit, item.promisedLimit].some((l) => l.explanation);
  const special = item.specialProcedures ?? [];
  const deptName = (code: string) => {
    const d = view.departments.get(code);
    return d ? (locale === 'en-US' && d.nameEn ? d.nameEn : d.name) : code;
  };
  if (implementations.length < 2 && !explained && special.length === 0 && !item.faqs?.length) return null;
  return (
    <>
      {implementations.length > 1 && (
        <section aria-labelledby="implementations" data-testid="implementations">
          <h2 id="implementations">{t('national.guide.implementations')}</h2>
          <p className="muted small">{t('national.guide.implementationsHint')}</p>
          <ul className="plain">
            {implementations.map((i) => {
              const code = implementationCodeOf(i);
              const label = `${deptName(i.departmentCode)}${i.level ? `（${t(`national.guide.levels.${i.level}`)}）` : ''}`;
              return (
                <li key={code}>
                  {i === item ? (
                    <strong>
                      {label} <span className="tag">{t('national.guide.thisOne')}</span>
                    </strong>
                  ) : (
                    <a href={hrefFor({ name: 'item', code })}>{label}</a>
                  )}{' '}
                  <span className="mono muted small">{code}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {explained && (
        <p className="muted" data-testid="limit-explanation">
          {t('national.guide.limitExplanation')}：{t('guide.statutoryLimit')} {formatTimeLimitWithExplanation(item.statutoryLimit, locale)}；{t('guide.promisedLimit')}{' '}
          {formatTimeLimitWithExplanation(item.promisedLimit, locale)}
        </p>
      )}
      {special.length > 0 && (
        <section aria-labelledby="special-procedures" data-testid="special-procedures">
          <h2 id="special-procedures">{t('national.guide.specialProcedures')}</h2>
          <ul className="plain">
            {special.map((p) => (
              <li key={p.name}>{formatSpecialProcedure(p, locale)}</li>
            ))}
          </ul>
        </section>
      )}
      {item.faqs && item.faqs.length > 0 && (
        <section aria-labelledby="faqs">
          <h2 id="faqs">{t('national.guide.faqs')}</h2>
          <dl>
            {item.faqs.map((f) => (
              <div key={f.question}>
                <dt>{f.question}</dt>
                <dd>{f.answer}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
