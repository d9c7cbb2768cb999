/**
 * The capture panel of one checklist line (材料电子化): the document camera (高拍仪, a UVC
 * camera) live, a page captured with Space or Enter; files imported (JPEG, PNG, PDF — each PDF
 * page becomes a page) by the button or by dropping them; each page turned, cropped, moved,
 * retaken or deleted. Pages are compressed in a worker and stored sealed as they come; the
 * panel never blocks typing. A refused file leaves the line as it was, with the reason beside
 * the import button. A full disk keeps the captured pages here (nothing lost) and says what to do.
 */
import { pageSha256 as sha256Hex } from './digest';
import { useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { IntakeCase } from '@core/intake/case';
import type { PageRef } from '@core/materials/page';
import { checkAddPages, checkImportFile, refusalMessage, type ImportRefusal } from '@core/materials/policy';
import { useLocale } from '../i18n/useLocale';
import { StorageFullError } from '../store/page-store';
import { compressEncoded, compressFrame, type Compressed, type CropRect } from './compress';
import { forgetPage, loadCameraChoice, readPageBytes, saveCameraChoice, storePage, withLinePages, type MaterialsSettings } from './materials-store';
import { openPdf } from './pdf';
import { usePageUrl } from './usePageUrl';

type Update = (change: (c: IntakeCase) => IntakeCase) => void;
type CameraState = { kind: 'starting' } | { kind: 'live' } | { kind: 'denied' } | { kind: 'none' } | { kind: 'unsupported' };
interface Pending {
  comp: Compressed;
  meta: { source: PageRef['source']; sourcePage?: number };
  /** Replace this page (a retake, a turn, a crop) instead of adding one. */
  replaces?: string;
}

/** Pages captured but not yet stored (a full disk), per case and line, while the app runs: never lost by closing the panel. */
const unsavedPages = new Map<string, Pending[]>();


export function CapturePanel(props: {
  c: IntakeCase;
  lineKey: string;
  lineName: string;
  clerkId: string;
  settings: MaterialsSettings;
  update: Update;
  onClose: () => void;
}) {
  const { c, lineKey, lineName, clerkId, settings, update, onClose } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const pages = c.materialPages?.[lineKey] ?? [];
  const rootRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState<CameraState>({ kind: 'starting' });
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [working, setWorking] = useState(0);
  const [retake, setRetake] = useState<string | null>(null);
  const [cropping, setCropping] = useState<PageRef | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const unsavedKey = `${c.id}|${lineKey}`;
  const [unsaved, setUnsaved] = useState<Pending[]>(() => unsavedPages.get(unsavedKey) ?? []);
  // one chain: pages land in the order they were captured
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const caseRef = useRef(c);
  caseRef.current = c;
  /** Pages deleted or replaced: their stored bytes go once the saved case no longer names them. */
  const toForget = useRef(new Set<string>());
  useEffect(() => {
    const named = new Set(Object.values(c.materialPages ?? {}).flat().map((p) => p.sha256));
    for (const h of [...toForget.current]) {
      if (named.has(h)) continue; // this render's case still names it
      toForget.current.delete(h);
      void forgetPage(c, h);
    }
  }, [c]);

  useEffect(() => rootRef.current?.focus(), []);
  useEffect(() => {
    if (unsaved.length > 0) unsavedPages.set(unsavedKey, unsaved);
    else unsavedPages.delete(unsavedKey);
  }, [unsaved, unsavedKey]);

  // ---- the camera -------------------------------------------------------------------------
  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    (async () => {
      const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
      if (!md?.getUserMedia) return setCamera({ kind: 'unsupported' });
      const saved = deviceId ?? (await loadCameraChoice())?.deviceId ?? null;
      const ask = (id: string | null) =>
        md.getUserMedia({ audio: false, video: { ...(id ? { deviceId: { exact: id } } : {}), width: { ideal: 1920 }, height: { ideal: 1080 } } });
      try {
        try {
          stream = await ask(saved);
        } catch (e) {
          // the remembered camera is gone (unplugged, another port): any camera
          if (saved && e instanceof Error && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError')) stream = await ask(null);
          else throw e;
        }
      } catch (e) {
        if (!live) return;
        const name = e instanceof Error ? e.name : '';
        setCamera({ kind: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'none' });
        return;
      }
      if (!live) return stream.getTracks().forEach((tr) => tr.stop());
      const track = stream.getVideoTracks()[0];
      const list = (await md.enumerateDevices()).filter((d) => d.kind === 'videoinput');
      if (!live) return;
      setDevices(list);
      const id = track?.getSettings().deviceId ?? null;
      if (id && id !== deviceId) setDeviceId(id);
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play().catch(() => undefined);
      }
      setCamera({ kind: 'live' });
    })();
    return () => {
      live = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // restart only when the clerk picks another camera
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deviceId === null ? '' : deviceId]);

  const chooseCamera = (id: string) => {
    const d = devices.find((x) => x.deviceId === id);
    void saveCameraChoice({ deviceId: id, label: d?.label ?? '' });
    setDeviceId(id);
  };

  // ---- storing ----------------------------------------------------------------------------
  /** Stores pages and puts them in the line; on a full disk keeps them here. */
  const land = useCallback(
    async (items: Pending[]) => {
      const stored: { ref: PageRef; replaces?: string }[] = [];
      const left: Pending[] = [];
      for (const it of items) {
        try {
          const ref = await storePage(c.id, it.comp, { ...it.meta, by: clerkId, at: new Date().toISOString() });
          stored.push({ ref, ...(it.replaces ? { replaces: it.replaces } : {}) });
        } catch (e) {
          if (e instanceof StorageFullError) left.push(it);
          else throw e;
        }
      }
      if (stored.length > 0) {
        const at = new Date().toISOString();
        const replaced: string[] = [];
        update((x) => {
          let list = [...(x.materialPages?.[lineKey] ?? [])];
          for (const s of stored) {
            const i = s.replaces ? list.findIndex((p) => p.sha256 === s.replaces) : -1;
            if (i >= 0) {
              replaced.push(s.replaces!);
              list[i] = s.ref;
            } else if (!list.some((p) => p.sha256 === s.ref.sha256)) list = [...list, s.ref];
          }
          return withLinePages(x, lineKey, list, at);
        });
        // the replaced pages' bytes go once the case no longer names them
        replaced.forEach((h) => toForget.current.add(h));
      }
      if (left.length > 0) {
        setUnsaved((u) => [...u, ...left]);
        setProblem(t('materials.diskFull', { count: left.length }));
      }
    },
    [c.id, clerkId, lineKey, t, update],
  );

  const run = (job: () => Promise<void>) => {
    setWorking((n) => n + 1);
    chain.current = chain.current
      .then(job)
      .catch((e: unknown) => setProblem(t('materials.failed', { code: e instanceof Error ? e.name : 'error' })))
      .finally(() => setWorking((n) => n - 1));
  };

  const capture = async () => {
    const v = videoRef.current;
    if (camera.kind !== 'live' || !v) return;
    // the first frame may still be on its way right after the camera opened
    if (v.readyState < 2) await new Promise((r) => { v.addEventListener('loadeddata', r, { once: true }); setTimeout(r, 2000); });
    if (v.readyState < 2) return;
    const limit = checkAddPages(caseRef.current.materialPages, lineKey, { count: retake ? 0 : 1, bytes: 0 }, settings.limits);
    if (!limit.ok) return setRefusal(refusalMessage(limit.refusal, locale));
    const frame = await createImageBitmap(v);
    const replaces = retake;
    setRetake(null);
    run(async () => {
      const comp = await compressFrame(frame);
      await land([{ comp, meta: { source: 'camera' }, ...(replaces ? { replaces } : {}) }]);
    });
  };

  // ---- import -----------------------------------------------------------------------------
  const importFiles = (files: File[]) => {
    if (files.length === 0) return;
    setRefusal(null);
    run(async () => {
      const refuse = (r: ImportRefusal) => setRefusal(refusalMessage(r, locale));
      const heads: { f: File; kind: 'jpeg' | 'png' | 'pdf' }[] = [];
      for (const f of files) {
        const head = new Uint8Array(await f.slice(0, 1024).arrayBuffer());
        const chk = checkImportFile({ name: f.name, bytes: f.size, head }, settings.limits);
        if (!chk.ok) return refuse(chk.refusal);
        heads.push({ f, kind: chk.kind });
      }
      const out: Pending[] = [];
      for (const { f, kind } of heads) {
        const bytes = new Uint8Array(await f.arrayBuffer());
        if (kind === 'pdf') {
          let pdf: Awaited<ReturnType<typeof openPdf>>;
          try {
            pdf = await openPdf(bytes);
          } catch {
            return refuse({ code: 'unreadable', name: f.name });
          }
          try {
            const count = checkAddPages(caseRef.current.materialPages, lineKey, { count: out.length + pdf.count, bytes: 0 }, settings.limits);
            if (!count.ok) return refuse(count.refusal);
            const original = await sha256Hex(bytes);
            for (let n = 1; n <= pdf.count; n++) out.push({ comp: await compressFrame(await pdf.render(n), { originalSha256: original }), meta: { source: 'file', sourcePage: n } });
          } catch {
            return refuse({ code: 'unreadable', name: f.name });
          } finally {
            await pdf.close();
          }
        } else {
          try {
            out.push({ comp: await compressEncoded(bytes), meta: { source: 'file' } });
          } catch {
            return refuse({ code: 'unreadable', name: f.name });
          }
        }
      }
      const total = checkAddPages(caseRef.current.materialPages, lineKey, { count: out.length, bytes: out.reduce((s, p) => s + p.comp.bytes.byteLength, 0) }, settings.limits);
      if (!total.ok) return refuse(total.refusal);
      await land(out);
    });
  };

  // ---- editing ----------------------------------------------------------------------------
  const edit = (p: PageRef, o: { rotate?: number; crop?: CropRect }) =>
    run(async () => {
      const bytes = await readPageBytes(c.id, p.sha256);
      if (!bytes) return setProblem(t('materials.gone'));
      const comp = await compressEncoded(bytes, { ...o, originalSha256: p.originalSha256 });
      await land([{ comp, meta: { source: p.source, ...(p.sourcePage ? { sourcePage: p.sourcePage } : {}) }, replaces: p.sha256 }]);
    });

  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= pages.length) return;
    const list = [...pages];
    [list[i], list[j]] = [list[j]!, list[i]!];
    update((x) => withLinePages(x, lineKey, list, new Date().toISOString()));
  };

  const remove = (p: PageRef) => {
    const next = pages.filter((x) => x.sha256 !== p.sha256);
    update((x) => withLinePages(x, lineKey, next, new Date().toISOString()));
    toForget.current.add(p.sha256);
    if (retake === p.sha256) setRetake(null);
  };

  const retrySaving = () => {
    const items = unsaved;
    setUnsaved([]);
    setProblem(null);
    run(() => land(items));
  };

  // ---- keys and drops ---------------------------------------------------------------------
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation(); // the checklist line below must not see the panel's keys
    if (e.key === 'Escape') {
      e.preventDefault();
      if (cropping) setCropping(null);
      else onClose();
      return;
    }
    const tag = (e.target as HTMLElement).tagName;
    if ((e.key === ' ' || e.key === 'Enter') && !['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'A'].includes(tag) && !cropping) {
      e.preventDefault();
      void capture();
    }
  };
  // A page turned or retaken is a new tile: the button that did it is gone and the focus with it.
  // Keys pressed then (on the page's body) still reach the panel.
  const keysRef = useRef(onKeyDown);
  keysRef.current = onKeyDown;
  useEffect(() => {
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (document.activeElement && document.activeElement !== document.body) return;
      keysRef.current(e as unknown as KeyboardEvent<HTMLDivElement>);
      rootRef.current?.focus();
    };
    document.addEventListener('keydown', onDocKey);
    return () => document.removeEventListener('keydown', onDocKey);
  }, []);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    importFiles([...e.dataTransfer.files]);
  };

  const cameraMessage =
    camera.kind === 'denied' ? t('materials.camera.denied') : camera.kind === 'none' ? t('materials.camera.none') : camera.kind === 'unsupported' ? t('materials.camera.unsupported') : null;

  return createPortal(
    <div className="capture-overlay" onKeyDown={onKeyDown}>
      <div
        className="capture-panel panel"
        role="dialog"
        aria-modal="true"
        aria-label={t('materials.title', { name: lineName })}
        tabIndex={-1}
        ref={rootRef}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
        data-testid="capture-panel"
      >
        <header className="capture-head">
          <h2>{t('materials.title', { name: lineName })}</h2>
          <span className="muted small" data-testid="capture-count">{t('materials.pageCount', { count: pages.length })}</span>
          {working > 0 && <span className="tag tag-warn" data-testid="capture-working">{t('materials.working')}</span>}
          <button type="button" className="btn btn-small" onClick={onClose} data-testid="capture-close">{t('materials.close')}</button>
        </header>
        <div className="capture-body">
          <div className="capture-camera">
            {cameraMessage ? (
              <div className="alert alert-warn" role="status" data-testid="camera-message">{cameraMessage}</div>
            ) : (
              <>
                <video ref={videoRef} muted playsInline className="capture-video" data-testid="camera-preview" data-state={camera.kind} />
                <div className="capture-controls">
                  <button type="button" className="btn btn-primary" disabled={camera.kind !== 'live'} onClick={() => void capture()} data-testid="capture-shoot">
                    {retake ? t('materials.retakeNow') : t('materials.shoot')} <kbd>{t('materials.shootKey')}</kbd>
                  </button>
                  {devices.length > 1 && (
                    <label className="small">
                      {t('materials.camera.choose')}{' '}
                      <select value={deviceId ?? ''} onChange={(e) => chooseCamera(e.target.value)} data-testid="camera-select">
                        {devices.map((d, i) => <option key={d.deviceId} value={d.deviceId}>{d.label || `${t('materials.camera.n')} ${i + 1}`}</option>)}
                      </select>
                    </label>
                  )}
                </div>
              </>
            )}
            <div className="capture-import">
              <button type="button" className="btn" onClick={() => fileRef.current?.click()} data-testid="capture-import">{t('materials.import')}</button>
              <span className="muted small">{t('materials.importHint')}</span>
              <input ref={fileRef} type="file" hidden multiple accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf" data-testid="capture-file" onChange={(e) => { importFiles([...(e.target.files ?? [])]); e.target.value = ''; }} />
              {refusal && <div className="alert alert-error small" role="alert" data-testid="import-refusal">{refusal}</div>}
            </div>
            {problem && (
              <div className="alert alert-error small" role="alert" data-testid="capture-problem">
                {problem}
                {unsaved.length > 0 && <button type="button" className="btn btn-small" onClick={retrySaving} data-testid="capture-retry-save">{t('materials.retrySave')}</button>}
              </div>
            )}
          </div>
          <ol className="capture-pages" data-testid="capture-pages">
            {pages.map((p, i) => (
              <PageTile key={p.sha256} caseId={c.id} page={p} index={i} last={i === pages.length - 1} retaking={retake === p.sha256}
                onMove={(d) => move(i, d)} onRotate={() => edit(p, { rotate: 90 })} onCrop={() => setCropping(p)}
                onRetake={() => setRetake(retake === p.sha256 ? null : p.sha256)} onDelete={() => remove(p)} canRetake={camera.kind === 'live'} />
            ))}
            {unsaved.map((u, i) => <li key={`u${i}`} className="capture-page unsaved" data-testid="capture-unsaved">{t('materials.unsaved')}</li>)}
          </ol>
        </div>
        {cropping && <CropEditor caseId={c.id} page={cropping} onCancel={() => setCropping(null)} onApply={(crop) => { setCropping(null); edit(cropping, { crop }); }} />}
      </div>
    </div>,
    document.body,
  );
}

function PageTile(props: { caseId: string; page: PageRef; index: number; last: boolean; retaking: boolean; canRetake: boolean; onMove: (d: -1 | 1) => void; onRotate: () => void; onCrop: () => void; onRetake: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const { page: p, index } = props;
  const url = usePageUrl(props.caseId, p.sha256, p.mime);
  return (
    <li className={`capture-page${props.retaking ? ' retaking' : ''}`} data-testid="capture-page" data-sha256={p.sha256} data-source={p.source}>
      <div className="capture-thumb">{url && url !== 'gone' ? <img src={url} alt={t('materials.pageN', { n: index + 1 })} /> : <span className="muted small">{url === 'gone' ? t('materials.notKept') : '…'}</span>}</div>
      <div className="capture-page-meta small">
        <strong>{index + 1}</strong> {p.source === 'camera' ? t('materials.fromCamera') : p.sourcePage ? t('materials.fromPdfPage', { n: p.sourcePage }) : t('materials.fromFile')} · {Math.round(p.bytes / 1024)} KB
      </div>
      <div className="capture-page-actions">
        <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => props.onMove(-1)} aria-label={t('materials.moveUp')} title={t('materials.moveUp')}>◀</button>
        <button type="button" className="btn btn-small" disabled={props.last} onClick={() => props.onMove(1)} aria-label={t('materials.moveDown')} title={t('materials.moveDown')}>▶</button>
        <button type="button" className="btn btn-small" onClick={props.onRotate} data-testid="page-rotate">{t('materials.rotate')}</button>
        <button type="button" className="btn btn-small" onClick={props.onCrop} data-testid="page-crop">{t('materials.crop')}</button>
        <button type="button" className="btn btn-small" disabled={!props.canRetake} onClick={props.onRetake} data-testid="page-retake">{props.retaking ? t('materials.retakeCancel') : t('materials.retake')}</button>
        <button type="button" className="btn btn-small" onClick={props.onDelete} data-testid="page-delete">{t('materials.delete')}</button>
      </div>
    </li>
  );
}

/** A crop rectangle by its four margins (percent of the page), shown over the page. */
function CropEditor({ caseId, page, onCancel, onApply }: { caseId: string; page: PageRef; onCancel: () => void; onApply: (crop: CropRect) => void }) {
  const { t } = useTranslation();
  const url = usePageUrl(caseId, page.sha256, page.mime);
  const [m, setM] = useState({ left: 0, top: 0, right: 0, bottom: 0 });
  const valid = m.left + m.right < 90 && m.top + m.bottom < 90;
  const set = (k: keyof typeof m, v: number) => setM({ ...m, [k]: Math.max(0, Math.min(45, v)) });
  return (
    <div className="crop-editor" data-testid="crop-editor">
      <div className="crop-stage">
        {url && url !== 'gone' && <img src={url} alt="" />}
        <div className="crop-rect" style={{ left: `${m.left}%`, top: `${m.top}%`, right: `${m.right}%`, bottom: `${m.bottom}%` }} />
      </div>
      <div className="crop-controls">
        {(['left', 'top', 'right', 'bottom'] as const).map((k) => (
          <label key={k} className="small">
            {t(`materials.cropSide.${k}`)}
            <input type="range" min={0} max={45} value={m[k]} onChange={(e) => set(k, Number(e.target.value))} data-testid={`crop-${k}`} /> {m[k]}%
          </label>
        ))}
        <button type="button" className="btn btn-primary btn-small" disabled={!valid} onClick={() => onApply({ x: m.left / 100, y: m.top / 100, w: 1 - (m.left + m.right) / 100, h: 1 - (m.top + m.bottom) / 100 })} data-testid="crop-apply">{t('materials.cropApply')}</button>
        <button type="button" className="btn btn-small" onClick={onCancel}>{t('materials.cancel')}</button>
      </div>
    </div>
  );
}
