import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import i18next from 'i18next';
import { App } from './app/App';
import { SessionGate } from './session/SessionGate';
import { CatalogProvider } from './catalog/CatalogContext';
import { ensureBundledCatalog } from './catalog/catalog-store';
import './app/styles.css';
// `__BENCH_HOOKS__ &&` first: false in a production build, so the bundler drops the import and its chunk
if (__BENCH_HOOKS__ && new URLSearchParams(window.location.search).get('bench') === '1') void import('./cases/bench-hooks').then((m) => m.registerBenchHooks()); // benchmarks and list tests only

async function start() {
  await initI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    await ensureBundledCatalog();
    void navigator.storage?.persist?.().catch(() => undefined); // ask the browser not to evict our data
  } catch (e) {
    root.render(
      <div className="fatal" role="alert">
        {i18next.t('app.storageError', { message: e instanceof Error ? e.name : 'unknown' })}
      </div>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <CatalogProvider fallback={<div className="loading">{i18next.t('app.loading')}</div>}>
        <SessionGate>
          <App />
        </SessionGate>
      </CatalogProvider>
    </StrictMode>,
  );
}

void start();
