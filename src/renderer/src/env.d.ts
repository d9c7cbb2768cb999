/// <reference types="vite/client" />
declare const __APP_VERSION__: string;
/** True only in a build made with ONEWINDOW_BENCH_HOOKS=1 (bench, end-to-end tests); see vite.web.config.ts. */
declare const __BENCH_HOOKS__: boolean;
