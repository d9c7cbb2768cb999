/** A stored page as an object URL for an <img> (opened from its sealed Blob), revoked when no longer shown. */
import { useEffect, useState } from 'react';
import { readPageBytes } from './materials-store';

export function usePageUrl(caseId: string, sha256: string, mime: string): string | null | 'gone' {
  const [url, setUrl] = useState<string | null | 'gone'>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    readPageBytes(caseId, sha256).then(
      (bytes) => {
        if (!live) return;
        if (!bytes) return setUrl('gone');
        made = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
        setUrl(made);
      },
      () => live && setUrl('gone'),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [caseId, sha256, mime]);
  return url;
}
